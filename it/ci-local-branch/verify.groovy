import groovy.json.JsonSlurper

def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
def prefix = new File(basedir, 'prefix.txt').text.trim()
def repo = lib.at('repo')
def commit = new File(basedir, 'feature-commit.txt').text.trim()
def mainCommit = lib.at('main-build').git('rev-parse', 'HEAD')
def log = [new File(repo.basedir, 'build.log'), new File(basedir, 'build.log')].find { it.exists() }.text
def work = new File(repo.basedir, 'target/azbuild/ci-local/github')
def record = new JsonSlurper().parse(new File(work, 'ci-local.json'))
def jobs = record.jobs.collectEntries { [(it.id): it] }
assert record.commit == commit && record.branch == 'feature'

// the build jobs and the gate pass; every deploy job is skipped by its condition, none starts
['build-libs-base', 'build-services-api', 'build-services-web', 'build-services-worker', 'builds-done'].each {
  assert jobs[it].outcome == 'SUCCESS' : "${it}: ${jobs[it].reason}"
}
['deploy-libs-base', 'deploy-services-api', 'deploy-services-web', 'deploy-services-worker'].each {
  assert jobs[it].outcome == 'SKIPPED'
  assert jobs[it].reason == "if: github.ref == 'refs/heads/main' is false (branch feature)"
  assert jobs[it].started == null
  assert !new File(work, "jobs/${it}").exists()
  assert log.contains("ci-local: skipped ${it}: if: github.ref == 'refs/heads/main' is false (branch feature)")
}
assert log.contains(': 5 passed, 0 failed, 4 skipped, 0 not run')

// what each build job did, from its own report (the artifact the gate collects)
def report = { String job -> new JsonSlurper().parse(new File(work, "jobs/${job}/artifacts/azbuild-report-${job}/build.json")) }
def action = { String job -> def r = report(job); assert r.commit == commit && r.modules.size() == 1; r.modules[0].action }
assert action('build-services-web') == 'built'
['build-libs-base', 'build-services-api', 'build-services-worker'].each { assert action(it) == 'retagged' : it }
assert new File(work, 'jobs/build-services-web/job.log').text.contains('services/web: building (')
assert new File(work, 'jobs/build-services-api/job.log').text.contains('services/api: unchanged, re-tagged cache-')
// the gate saw the same
def merged = new JsonSlurper().parse(new File(work, 'jobs/builds-done/artifacts/azbuild-graph/build.json'))
assert merged.modules*.action == ['retagged', 'retagged', 'built', 'retagged']

// the registry: every module has the branch's commit and branch tags; the re-tagged ones are main's images
['libs-base', 'api', 'worker'].each { image ->
  def main = lib.digestOf('127.0.0.1:5000', "${prefix}/${image}", mainCommit)
  assert main != null
  assert lib.digestOf('127.0.0.1:5000', "${prefix}/${image}", commit) == main
  assert lib.digestOf('127.0.0.1:5000', "${prefix}/${image}", 'feature') == main
}
def web = lib.digestOf('127.0.0.1:5000', "${prefix}/web", commit)
assert web != null && web != lib.digestOf('127.0.0.1:5000', "${prefix}/web", mainCommit)
assert lib.digestOf('127.0.0.1:5000', "${prefix}/web", 'feature') == web
// each build job's plan took the modules main's build recorded from its build record (main's: the
// branch had none yet), and probed only web
assert new File(work, 'jobs/build-services-api/job.log').text.contains("the build record of main (${mainCommit.take(12)}): 3 of 4 modules have the recorded inputs; 1 probed in the cache registry")
// no job built the whole reactor: the gate wrote the build record of the branch from the jobs' reports
def built = lib.record('127.0.0.1:5000', "${prefix}/azbuild-build/branch", 'feature')
assert built != null && built.commit == commit && built.branch == 'feature'
assert built.images.keySet() == ['libs-base', 'api', 'web', 'worker'] as Set
merged.modules.each { assert built.images[it.image].digest == it.digest }
assert lib.record('127.0.0.1:5000', "${prefix}/azbuild-build/commit", commit) == built
// nothing was deployed
['libs-base', 'api', 'web', 'worker'].each { assert lib.record('127.0.0.1:5001', "${prefix}/${it}", 'azbuild-deployed') == null }
return true
