def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
def prefix = new File(basedir, 'prefix.txt').text.trim()
def error = lib.log().readLines().find { it.startsWith('[ERROR] Failed to execute goal') }
assert error.contains('app: ') && error.contains('app/Dockerfile')
assert error.contains('exit') && error.contains('3')
assert error.contains('missing symbol frobnicate')
def commit = lib.git('rev-parse', 'HEAD')
assert lib.tagExists('127.0.0.1:5000', "${prefix}/base", commit)
assert !lib.tagExists('127.0.0.1:5000', "${prefix}/app", commit)
// build.json records the commit and the failure (azbuild:graph colours app failed from it)
def report = lib.json('target/azbuild/build.json')
assert report.commit == commit
def app = report.modules.find { it.image == 'app' }
assert app.action == 'failed'
assert app.error.contains('missing symbol frobnicate')
assert report.modules.find { it.image == 'base' }.action == 'built'
return true
