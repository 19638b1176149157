def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
def prefix = new File(basedir, 'prefix.txt').text.trim()
def localRepo = new File(localRepositoryPath.toString())
def branch = "${prefix}/azbuild-build/branch"
def name = "127.0.0.1:5000/${branch}:main"
def first = lib.at('first')
def record = lib.record('127.0.0.1:5000', branch, 'main')
assert record.version == 1

/** Builds a clone; returns its log and the cache probes (GETs of cache- tags) the registry saw for it. */
def build = { dir ->
  def clone = lib.at(dir)
  def marker = "${dir}-build"
  lib.tagExists('127.0.0.1:5000', "${prefix}/it-marker", marker) // a request to find its lines by
  assert clone.mvn(localRepo, 'build.log', 'build') == 0 : new File(clone.basedir, 'build.log').text
  def probes = lib.registryLogAfter(prefix, "/it-marker/manifests/${marker}")
      .findAll { it =~ /"GET \/v2\/${prefix}\/(base|app)\/manifests\/cache-[0-9a-f]{64} HTTP\/1\.1" 200 / }
  return [new File(clone.basedir, 'build.log').text, probes, clone]
}

// a record of a newer format: ignored, every module probed, decisions as without a record
def newer = groovy.json.JsonOutput.toJson([format: 'azbuild-build-record', version: 2, commit: record.commit,
    branch: 'main', time: record.time, images: [:], shards: ['somewhere-else']])
lib.putRecord('127.0.0.1:5000', branch, 'main', newer)
def (log2, probes2, second) = build('second')
assert log2.contains("[WARNING] build record ${name} ignored: it is azbuild-build-record version 2, not azbuild-build-record version 1 (written by another azbuild version); every module is probed") : log2
assert probes2.size() == 2 : probes2
assert !log2.contains('modules have the recorded inputs')
assert second.json('target/azbuild/build.json').modules*.action == ['retagged', 'retagged']
// the build then writes a record it can read
def rewritten = lib.record('127.0.0.1:5000', branch, 'main')
assert rewritten.version == 1 && rewritten.commit == second.git('rev-parse', 'HEAD')

// a damaged record (its annotation is not gzip+base64): ignored with the registry's one-line error
lib.putRecord('127.0.0.1:5000', branch, 'main', '{}', '%%% not base64 %%%')
def (log3, probes3, third) = build('third')
def warning = log3.readLines().find { it.startsWith('[WARNING] build record ignored: ') }
assert warning != null : log3
assert warning.contains("${name}: annotation dev.azbuild.record is not a gzip+base64 record (") && warning.endsWith('; delete the tag; every module is probed')
assert probes3.size() == 2 : probes3
assert third.json('target/azbuild/build.json').modules*.action == ['retagged', 'retagged']
assert lib.record('127.0.0.1:5000', branch, 'main').commit == third.git('rev-parse', 'HEAD')
return true
