import java.util.concurrent.TimeUnit

def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
def aws = evaluate(new File(itLib, 'aws.groovy'))
def repo = lib.at('repo')
def prefix = new File(basedir, 'prefix.txt').text.trim()
int port = new File(basedir, 'moto-port.txt').text.trim() as int
def commit = repo.git('rev-parse', 'HEAD')
def localRepo = new File(localRepositoryPath.toString())

/** The cluster and one service per image; desiredCount 1 never gets stable in moto (it runs no task). */
def services = { api, Map<String, Integer> desired ->
  api.ecs('eu-west-2', 'CreateCluster', [clusterName: prefix])
  desired.each { image, count ->
    api.ecs('eu-west-2', 'RegisterTaskDefinition', [family: "${prefix}-${image}".toString(),
        containerDefinitions: [[name: image, image: "127.0.0.1:5001/${prefix}/${image}:master".toString(), memory: 64]]])
    api.ecs('eu-west-2', 'CreateService', [cluster: prefix, serviceName: image, taskDefinition: "${prefix}-${image}".toString(),
        desiredCount: count])
  }
}

def moto = aws.privateMoto(new File(basedir, 'moto'), port).start()
try {
  services(moto.api(), [base: 0, app: 1])
  def deploy = repo.startMvn(localRepo, 'deploy.log', 'deploy')
  def log = new File(repo.basedir, 'deploy.log')
  def waiting = "app: ECS service ${prefix}/app forced to a new deployment; waiting until stable"
  for (int i = 0; i < 1200 && !(log.exists() && log.text.contains(waiting)); i++) {
    assert deploy.alive : "the deploy ended before restarting app: ${log.text}"
    sleep(100)
  }
  assert log.text.contains(waiting) : 'the deploy did not reach the ECS restart of app within 120 s'
  moto.kill() // mid-restart: deploy is polling app's service

  assert deploy.waitFor(120, TimeUnit.SECONDS) : 'the deploy did not end within 120 s of the emulator dying'
  assert deploy.exitValue() != 0
  def lines = log.readLines()
  def error = lines.find { it.startsWith('[ERROR] Failed to execute goal') }
  assert error.contains("app: ECS restart of ${prefix}/app at http://127.0.0.1:${port} (eu-west-2) failed: ") : error
  assert error.contains('; check that ECS (azbuild.aws.endpoint) is reachable') : error
  assert error.endsWith('; modules before it are deployed and recorded, rerun to resume -> [Help 1]') : error
  // one line: the error's own line is followed by Maven's usual [ERROR] lines only
  assert lines[lines.indexOf(error) + 1].startsWith('[ERROR]') || lines[lines.indexOf(error) + 1].isEmpty()

  def failed = repo.json('target/azbuild/deploy.json')
  assert !failed.complete && failed.modules*.action == ['deployed', 'failed']
  assert !failed.modules[1].restarted
  // base went through; app is not recorded as deployed anywhere
  assert lib.tagExists('127.0.0.1:5001', "${prefix}/base", 'azbuild-deployed')
  assert !lib.tagExists('127.0.0.1:5001', "${prefix}/app", 'azbuild-deployed')
  assert !lib.tagExists('127.0.0.1:5001', "${prefix}/app", 'deployed')
  assert !lib.tagExists('127.0.0.1:5000', "${prefix}/app", 'master')
  assert !lib.tagExists('127.0.0.1:5000', "${prefix}/azbuild-deployed", 'commit')

  // the emulator comes back empty: recreate the services (app's stable now) and rerun
  moto = aws.privateMoto(new File(basedir, 'moto'), port).start()
  services(moto.api(), [base: 0, app: 0])
  assert repo.mvn(localRepo, 'rerun.log', 'deploy') == 0 : new File(repo.basedir, 'rerun.log').text
  def rerun = repo.json('target/azbuild/deploy.json')
  assert rerun.complete && rerun.modules*.action == ['skipped', 'deployed']
  assert rerun.modules[1].restarted
  def digest = lib.digestOf('127.0.0.1:5000', "${prefix}/app", commit)
  assert lib.record('127.0.0.1:5001', "${prefix}/app", 'azbuild-deployed').digest == digest
  assert lib.digestOf('127.0.0.1:5000', "${prefix}/app", 'master') == digest
  assert lib.record('127.0.0.1:5000', "${prefix}/azbuild-deployed", 'commit').commit == commit
} finally {
  moto.kill()
}
return true
