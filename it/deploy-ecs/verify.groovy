def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
def aws = evaluate(new File(itLib, 'aws.groovy'))
def prefix = new File(basedir, 'prefix.txt').text.trim()
def commit = lib.at('first').git('rev-parse', 'HEAD')
def firstReport = new File(basedir, 'first/target/azbuild/deploy.json')
def first = lib.at('first').json('target/azbuild/deploy.json')
assert first.complete
assert first.modules*.action == ['deployed', 'deployed']
assert first.modules.every { it.restarted }
assert first.modules.every { it.reasons.contains("restarted ECS service ${prefix}/${it.image}".toString()) }

// both regions' control planes: the cache repositories in us-east-2, the deploy ones in eu-west-2
assert aws.repositories('us-east-2', prefix).containsAll(["${prefix}/base", "${prefix}/app", "${prefix}/azbuild-deployed"]*.toString())
assert aws.repositories('eu-west-2', prefix).containsAll(["${prefix}/base", "${prefix}/app", "${prefix}/azbuild-lock"]*.toString())
// moto keeps no image data (the data planes do): the deploy digest equals the cache digest there
['base', 'app'].eachWithIndex { image, i ->
  def digest = lib.digestOf('127.0.0.1:5000', "${prefix}/${image}", commit)
  assert digest == first.modules[i].digest
  assert lib.digestOf('127.0.0.1:5001', "${prefix}/${image}", commit) == digest
  assert lib.digestOf('127.0.0.1:5000', "${prefix}/${image}", 'master') == digest
  assert lib.tagExists('127.0.0.1:5001', "${prefix}/${image}", 'azbuild-deployed')
}
assert lib.tagExists('127.0.0.1:5000', "${prefix}/azbuild-deployed", 'commit')

def second = lib.at('second').json('target/azbuild/deploy.json')
assert second.complete
assert second.modules*.action == ['skipped', 'skipped']
assert second.modules.every { !it.restarted && !it.terraformApplied }

// the ECS emulator agrees: one forced deployment per service, all before the first deploy ended
def before = new groovy.json.JsonSlurper().parse(new File(basedir, 'deployments-before.json'))
def after = aws.primaryDeployments('eu-west-2', prefix, ['base', 'app'])
['base', 'app'].each { image ->
  assert after[image].id != before[image].id : "${image}: no new deployment after the first deploy"
  assert after[image].createdAt * 1000 <= firstReport.lastModified() : "${image}: a deployment after the first deploy"
}
return true
