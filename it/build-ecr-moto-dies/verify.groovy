import groovy.json.JsonSlurper

def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
def aws = evaluate(new File(itLib, 'aws.groovy'))
def prefix = new File(basedir, 'prefix.txt').text.trim()
int port = new File(basedir, 'port.txt').text.trim() as int
def commit = lib.git('rev-parse', 'HEAD')
def ecr = '123456789012.dkr.ecr.us-east-2.amazonaws.com'

assert new File(basedir, 'killed.txt').exists() : 'the relay never saw a request about app'
def error = lib.log().readLines().find { it.startsWith('[ERROR] Failed to execute goal') }
assert error.contains('on project app: app: ECR ') : error
assert error.contains(" on ${ecr} failed: ") : error
assert error.contains('azbuild.aws.endpoint') : error
assert error.count(' failed: ') == 1 : error
def failed = lib.json('target/azbuild/build.json')
assert failed.modules.find { it.image == 'base' }.action == 'built'
assert failed.modules.find { it.image == 'app' }.action == 'failed'

/** Every tag of a repository on the data plane and the digest it names. */
def tags = { String image ->
  def c = new URL("http://127.0.0.1:5000/v2/${prefix}/${image}/tags/list").openConnection()
  if (c.responseCode == 404) return [:]
  (new JsonSlurper().parse(c.inputStream).tags ?: []).collectEntries { [(it): lib.digestOf('127.0.0.1:5000', "${prefix}/${image}", it)] }
}
assert tags('app').isEmpty() : "app has tags: ${tags('app')}"
assert tags('base').values().toSet().size() == 1

def moto = aws.privateMoto(new File(basedir, 'moto'), port).start() // empty: its state was in memory
try {
  assert lib.mvn(new File(localRepositoryPath.toString()), 'rerun.log', 'build') == 0 : new File(basedir, 'rerun.log').text
  def rerun = lib.json('target/azbuild/build.json')
  assert rerun.modules*.action == ['retagged', 'built'] : rerun.modules*.action
  ['base', 'app'].each { image ->
    def state = tags(image)
    def reported = rerun.modules.find { it.image == image }.digest
    assert state[commit] == reported : "${image}: ${state} vs ${reported}"
    assert state.values().toSet() == [reported].toSet() : "${image}: ${state}"
  }
  // the images' repositories and the build record's (written by the complete rerun)
  assert moto.api().repositories('us-east-2', prefix).toSet() ==
      ["${prefix}/base", "${prefix}/app", "${prefix}/azbuild-build/commit", "${prefix}/azbuild-build/branch"]*.toString().toSet()
} finally {
  moto.kill()
}
return true
