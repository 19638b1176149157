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

  // the deploy record names every module's master image and its digest
  def record = lib.record('127.0.0.1:5000', "${prefix}/azbuild-deployed", 'commit')
  assert record.format == 'azbuild-deployed' && record.version == 1
  assert record.commit == commit && record.masterTag == 'master'
  assert record.images == deployed.modules.collectEntries { [(it.image): it.digest] }
  // a diff-mode plan reads it with one request and asks for no master image
  def third = lib.at('third')
  def plan = third.json('target/azbuild/plan.json')
  assert plan.mode == 'diff' && plan.modules.every { !it.rebuild }
  assert lib.log().contains("the deploy record of ${commit.take(12)}: 2 of 2 modules have a recorded master image; 0 asked for in the cache registry")
  def after = lib.registryLogAfter(prefix, 'diff-plan').findAll { it.contains('"azbuild"') } // not this script's
  assert after.count { it.contains("/azbuild-deployed/manifests/commit ") } == 1 : after
  assert after.findAll { it =~ /manifests\/master / }.isEmpty() : after
} finally {
  ['docker', 'rm', '-f', "${namespace}-base", "${namespace}-app"].execute().waitFor()
}
return true
