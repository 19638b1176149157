def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
def prefix = new File(basedir, 'prefix.txt').text.trim()
def commit = lib.git('rev-parse', 'HEAD')
def first = new File(basedir, 'build.log').text
// invoker appends both runs to build.log: split at the second run's start
def runs = first.split(/(?m)^\[INFO\] Scanning for projects/)
assert runs.size() >= 3 : 'expected two Maven runs in build.log'
def failed = runs[1]
def succeeded = runs[2]

def error = failed.readLines().find { it.startsWith('[ERROR] Failed to execute goal') }
def dockerfile = new File(basedir, 'services/worker/Dockerfile').canonicalFile.toPath().toRealPath()
assert error.contains("${dockerfile}: the Docker daemon cannot parse it: dockerfile parse error line 2: COPY requires at least two arguments, but only one was provided. Destination could not be determined; fix the Dockerfile; nothing was built or pushed -> [Help 1]") : error
assert !failed.contains(': building (')
assert !failed.contains('re-tagged')
// before the check, base, api and web were built and pushed before worker failed; api is in no later run
def log = new File(System.getProperty('user.home'), '.azbuild/services/logs/registry-cache.log')
assert !log.readLines().any { it.contains("/v2/${prefix}/api/") && (it.contains('"PUT ') || it.contains('"POST ')) } : 'api was pushed'

// -pl web -am: only base and web are built and checked, worker's Dockerfile is not read for the build
assert succeeded.contains('checked the Dockerfiles of 2 modules to build in ')
['libs-base', 'web'].each { image -> assert lib.tagExists('127.0.0.1:5000', "${prefix}/${image}", commit) : image }
['api', 'worker'].each { image -> assert !lib.tagExists('127.0.0.1:5000', "${prefix}/${image}", commit) : image }
return true
