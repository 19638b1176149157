import groovy.json.JsonSlurper

def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
def prefix = new File(basedir, 'prefix.txt').text.trim()
def tools = new File(basedir, 'tools-image.txt').text.trim()
def repo = lib.at('repo')
def commit = repo.git('rev-parse', 'HEAD')
def work = new File(repo.basedir, 'target/azbuild/ci-local/github')
def deploys = ['deploy-libs-base', 'deploy-services-api', 'deploy-services-web', 'deploy-services-worker']
def images = ['libs-base', 'api', 'web', 'worker']
def readRecord = { new JsonSlurper().parse(new File(work, 'ci-local.json')).with { r -> [r, r.jobs.collectEntries { [(it.id): it] }] } }

// 1. the first run: worker's job fails at the pull, the other builds pass; the gate runs (not cancelled)
// and fails naming worker; no deploy job runs
def log = [new File(repo.basedir, 'build.log'), new File(basedir, 'build.log')].find { it.exists() }.text
def (first, jobs) = readRecord()
assert first.attempt == 1 && first.commit == commit
['build-libs-base', 'build-services-api', 'build-services-web'].each { assert jobs[it].outcome == 'SUCCESS' : it }
assert jobs['build-services-worker'].outcome == 'FAILED'
assert jobs['build-services-worker'].reason == "step 4 'azbuild build services/worker' exited with 1"
assert new File(work, 'jobs/build-services-worker/job.log').text.contains("image ${tools} does not exist in its registry")
assert jobs['builds-done'].outcome == 'FAILED'
def gateLog = new File(work, 'jobs/builds-done/job.log').text
assert gateLog.contains('1 of 4 image modules were not built at ' + commit.substring(0, 12) + ': services/worker (')
deploys.each {
  assert jobs[it].outcome == 'NOT_RUN'
  assert jobs[it].started == null
}
assert jobs['deploy-libs-base'].reason == "needs 'builds-done', which failed"
assert log.contains("ci-local: FAILED  build-services-worker (")
assert log.contains("ci-local: not run deploy-libs-base: needs 'builds-done', which failed")
assert log.contains(': 3 passed, 2 failed, 0 skipped, 4 not run')
assert log.contains('ci-local: 2 jobs failed (build-services-worker, builds-done); see the logs above; once fixed, re-run with'
    + ' -Dazbuild.ciLocal.jobs=build-services-worker (it re-runs every job after it too)')
// the failed build's report still reached the gate (uploaded with if: always()), so its graph shows the failure
def merged = new JsonSlurper().parse(new File(work, 'jobs/builds-done/artifacts/azbuild-graph/build.json'))
assert merged.modules.find { it.image == 'worker' }.action == 'failed'
images.each { assert lib.record('127.0.0.1:5001', "${prefix}/${it}", 'azbuild-deployed') == null }

// 2. the fix: publish the tools image; then re-run only the failed build job, at the same commit
['docker', 'tag', '127.0.0.1:5000/base/busybox:1', tools].execute().waitFor()
def push = ['docker', 'push', tools].execute()
push.consumeProcessOutput(new StringBuilder(), new StringBuilder())
assert push.waitFor() == 0
['docker', 'rmi', tools].execute().waitFor()
repo.write('unrelated.txt', 'a later commit must not change what a re-run runs\n')
repo.commit('later')
def localRepo = new File(localRepositoryPath.toString())
assert repo.mvn(localRepo, 'rerun.log', 'ci-local', '-Dazbuild.ciLocal.jobs=build-services-worker') == 0 : new File(repo.basedir, 'rerun.log').text.takeRight(3000)
def rerunLog = new File(repo.basedir, 'rerun.log').text
def (second, after) = readRecord()
assert second.attempt == 2 && second.commit == commit && second.runId == first.runId
assert rerunLog.contains('(re-running 6: build-services-worker, builds-done, ' + deploys.join(', ') + ')')
// the jobs that passed before were not run again; the failed one, the gate and the deploys were
['build-libs-base', 'build-services-api', 'build-services-web'].each {
  assert after[it].outcome == 'SUCCESS' && after[it].attempt == null && after[it].started == jobs[it].started
  assert !(rerunLog =~ /ci-local: start +${it}\n/)
}
(['build-services-worker', 'builds-done'] + deploys).each {
  assert after[it].outcome == 'SUCCESS' : "${it}: ${after[it].reason}"
  assert after[it].attempt == 2
}
assert rerunLog.contains('attempt 2): 9 jobs in ')
assert rerunLog.contains(': 9 passed, 0 failed, 0 skipped, 0 not run')
// the gate merged the earlier jobs' reports with the re-run's
def merged2 = new JsonSlurper().parse(new File(work, 'jobs/builds-done/artifacts/azbuild-graph/build.json'))
assert merged2.modules*.action == ['built', 'built', 'built', 'built']
// deployed: every marker at this commit's image; the commit recorded as fully deployed
images.each { image ->
  def marker = lib.record('127.0.0.1:5001', "${prefix}/${image}", 'azbuild-deployed')
  assert marker?.commit == commit : image
  assert marker.digest == lib.digestOf('127.0.0.1:5000', "${prefix}/${image}", commit)
}
assert lib.record('127.0.0.1:5000', "${prefix}/azbuild-deployed", 'commit').commit == commit
return true
