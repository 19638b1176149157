import groovy.json.JsonSlurper

def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
def localRepo = new File(localRepositoryPath.toString())
def prefix = new File(basedir, 'prefix.txt').text.trim()
def repo = lib.at('repo')
def commit = repo.git('rev-parse', 'HEAD')
def work = new File(repo.basedir, 'target/azbuild/ci-local/github')
def record = new JsonSlurper().parse(new File(work, 'ci-local.json'))
def jobs = record.jobs.collectEntries { [(it.id): it] }

// every job passed, in the workflow's order
assert jobs.keySet() as List == ['build-services-hello', 'build-services-clock', 'builds-done',
                                 'deploy-services-hello', 'deploy-services-clock']
jobs.values().each { assert it.outcome == 'SUCCESS' : "${it.id}: ${it.reason}" }

// a build job: a fresh clone and an empty Maven repository; the package step builds the library and
// the service (tests included), azbuild's goals skipped there; then azbuild:build builds the image
['hello', 'clock'].each { svc ->
  def log = new File(work, "jobs/build-services-${svc}/job.log").text
  assert log.contains("mvn -B package -pl services/${svc} -am -Dazbuild.skip=true")
  assert log.contains('Building greeting 1.0.0-SNAPSHOT')
  assert log.contains("-- in dev.azbuild.example.greeting.GreetingTest")
  assert log.contains("Building jar: ${new File(work, "jobs/build-services-${svc}/workspace").absolutePath}/services/${svc}/target/${svc}-1.0.0-SNAPSHOT.jar")
  assert log.contains('azbuild: skipped (azbuild.skip=true)')
  assert log.contains("services/${svc}: building (no image cache-")
  assert log =~ /services\/${svc}: built in [\d.]+ s/
  assert !new File(work, "jobs/build-services-${svc}/m2/dev/azbuild/example").exists() : 'nothing was installed'
}
def merged = new JsonSlurper().parse(new File(work, 'jobs/builds-done/artifacts/azbuild-graph/build.json'))
assert merged.commit == commit
assert merged.modules.collectEntries { [it.image, it.action] } == [hello: 'built', clock: 'built']

// deployed: each marker holds its commit image; the commit is recorded as fully deployed
['hello', 'clock'].each { image ->
  def marker = lib.record('127.0.0.1:5001', "${prefix}/${image}", 'azbuild-deployed')
  assert marker != null && marker.commit == commit : image
  assert marker.digest == lib.digestOf('127.0.0.1:5000', "${prefix}/${image}", commit)
}
assert lib.record('127.0.0.1:5000', "${prefix}/azbuild-deployed", 'commit').commit == commit

// the deployed images run the services
def run = { String image ->
  def proc = ['docker', 'run', '--rm', "127.0.0.1:5001/${prefix}/${image}:${commit}"].execute()
  def out = proc.text
  assert proc.waitFor() == 0 : out
  out
}
assert run('hello').startsWith('Hello, world!\nhello 1.0.0-SNAPSHOT on Java 17')
assert run('clock') =~ /^Hello, clock! It is .*Z\.\nclock 1\.0\.0-SNAPSHOT on Java 17/

// the example's committed CI files are what ci-config generates today
int code = repo.mvn(localRepo, 'ci-config-check.log', 'ci-config', '-Dazbuild.ciConfig.check=true')
assert code == 0 : new File(repo.basedir, 'ci-config-check.log').text.takeRight(3000)
return true
