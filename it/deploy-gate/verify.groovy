def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
def prefix = new File(basedir, 'prefix.txt').text.trim()
def deploy = lib.at('deploy')
def commit = deploy.git('rev-parse', 'HEAD')
assert lib.tagExists('127.0.0.1:5000', "${prefix}/base", commit)
def error = lib.log().readLines().find { it.startsWith('[ERROR] Failed to execute goal') }
assert error.contains("deploy gate closed: no image tagged ${commit} in 127.0.0.1:5000/${prefix} for app;")
assert error.contains('nothing was deployed')
// nothing changed anywhere
['base', 'app'].each { image ->
  assert !lib.tagExists('127.0.0.1:5001', "${prefix}/${image}", commit)
  assert !lib.tagExists('127.0.0.1:5001', "${prefix}/${image}", 'azbuild-deployed')
  assert !lib.tagExists('127.0.0.1:5000', "${prefix}/${image}", 'master')
}
assert !lib.tagExists('127.0.0.1:5001', "${prefix}/azbuild-lock", 'lock')
assert !lib.tagExists('127.0.0.1:5000', "${prefix}/azbuild-deployed", 'commit')
assert deploy.json('target/azbuild/deploy.json').modules.isEmpty()
return true
