def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
def prefix = new File(basedir, 'prefix.txt').text.trim()
def namespace = new File(basedir, 'namespace.txt').text.trim()
def first = lib.at('first')
def commit = first.git('rev-parse', 'HEAD')
def built = first.json('target/azbuild/build.json')
def deployed = first.json('target/azbuild/deploy.json')
try {
  assert deployed.complete
  assert deployed.modules*.image == ['base', 'app']
  assert deployed.modules*.action == ['deployed', 'deployed']
  deployed.modules.each { m ->
    assert m.digest ==~ /sha256:[0-9a-f]{64}/
    assert m.digest == built.modules.find { it.image == m.image }.digest
    assert lib.digestOf('127.0.0.1:5001', "${prefix}/${m.image}", commit) == m.digest
    assert lib.digestOf('127.0.0.1:5001', "${prefix}/${m.image}", 'master') == m.digest
    assert lib.digestOf('127.0.0.1:5001', "${prefix}/${m.image}", 'deployed') == m.digest
    assert lib.digestOf('127.0.0.1:5000', "${prefix}/${m.image}", 'master') == m.digest
    assert lib.tagExists('127.0.0.1:5001', "${prefix}/${m.image}", 'azbuild-deployed')
    assert m.restarted
  }
  assert deployed.modules[1].terraformApplied && !deployed.modules[0].terraformApplied
  // the last fully deployed commit, for setenv on the default branch
  assert lib.tagExists('127.0.0.1:5000', "${prefix}/azbuild-deployed", 'commit')
  def container = ['docker', 'inspect', '-f', '{{.Config.Image}}', "${namespace}-app"].execute().text.trim()
  assert container == "127.0.0.1:5001/${prefix}/app:${commit}"
  assert deployed.modules[1].reasons.contains("restarted local container ${namespace}-app".toString())

  def second = lib.at('second').json('target/azbuild/deploy.json')
  assert second.complete
  assert second.modules*.action == ['skipped', 'skipped']
  assert second.modules.every { !it.terraformApplied && !it.restarted }
  assert second.modules[1].reasons == ["digest ${deployed.modules[1].digest} and terraform unchanged since ${commit}".toString()]

  def env = new Properties()
  new File(lib.at('second').basedir, 'target/azbuild/env.properties').withInputStream { env.load(it) }
  assert env.AZBUILD_BASE == commit
  assert env.AZBUILD_BASE_HOW.startsWith('last fully deployed commit')
} finally {
  ['docker', 'rm', '-f', "${namespace}-base", "${namespace}-app"].execute().waitFor()
}
return true
