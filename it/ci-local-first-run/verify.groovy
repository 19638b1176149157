import groovy.json.JsonSlurper

def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
def prefix = new File(basedir, 'prefix.txt').text.trim()
def repo = lib.at('repo')
def commit = repo.git('rev-parse', 'HEAD')
// the invoker appends every project's run to one build.log at the test's root
def log = [new File(repo.basedir, 'build.log'), new File(basedir, 'build.log')].find { it.exists() }.text
def work = new File(repo.basedir, 'target/azbuild/ci-local/github')
def record = new JsonSlurper().parse(new File(work, 'ci-local.json'))
def jobs = record.jobs.collectEntries { [(it.id): it] }
def builds = ['build-libs-base', 'build-services-api', 'build-services-web', 'build-services-worker']
def deploys = ['deploy-libs-base', 'deploy-services-api', 'deploy-services-web', 'deploy-services-worker']

// every job passed, each once, at the commit, and the console said so job by job
assert record.commit == commit && record.branch == 'main' && record.attempt == 1
assert jobs.keySet() as List == builds + ['builds-done'] + deploys
jobs.values().each { assert it.outcome == 'SUCCESS' : "${it.id}: ${it.reason}" }
(builds + ['builds-done'] + deploys).each { id ->
  assert log =~ /ci-local: start +${id}\n/
  assert log =~ /ci-local: passed +${id} \(\d+\.\d s\)/
}
assert log.contains('ci-local: summary of .github/workflows/azbuild.yml at ' + commit.substring(0, 12)
    + ' (branch main): 9 jobs in ')
assert log.contains(': 9 passed, 0 failed, 0 skipped, 0 not run')
// the step mapping is printed before the run
assert log.contains('ci-local: step mapping: actions/checkout@v4 -> a fresh clone of ')
assert log.contains('ci-local: step mapping: actions/setup-java@v4 (cache: maven) -> the JDK running this Maven')
assert log.contains('ci-local: step mapping: actions/upload-artifact@v4 -> ')

// the timeline: never more than 2 jobs at once; a build after the builds it needs; the gate after
// every build; the deploys after the gate, one after the other
jobs.values().each { j ->
  assert jobs.values().count { it.started <= j.started && j.started < it.ended } <= 2 : "more than 2 jobs ran when ${j.id} started"
}
builds.drop(1).each { assert jobs[it].started >= jobs['build-libs-base'].ended }
long lastBuild = builds.collect { jobs[it].ended }.max()
assert jobs['builds-done'].started >= lastBuild
deploys.eachWithIndex { d, i ->
  assert jobs[d].started >= lastBuild
  assert jobs[d].started >= (i == 0 ? jobs['builds-done'].ended : jobs[deploys[i - 1]].ended)
}

// each job ran in its own fresh clone with the vendor's variables; setenv's GITHUB_ENV reached the build step
def apiLog = new File(work, 'jobs/build-services-api/job.log').text
assert apiLog.contains("checked out ${commit} as branch main in ${new File(work, 'jobs/build-services-api/workspace').absolutePath}")
assert apiLog.contains('azbuild setenv: GitHub Actions, branch main, commit ' + commit.substring(0, 12))
assert apiLog =~ /wrote 11 variables to GitHub Actions GITHUB_ENV file .*\/jobs\/build-services-api\/temp\/_runner_file_commands\/set_env_/
// each build job's report reached the gate, which merged them where graph reads them
def merged = new JsonSlurper().parse(new File(work, 'jobs/builds-done/artifacts/azbuild-graph/build.json'))
assert merged.commit == commit
assert merged.modules*.image == ['libs-base', 'api', 'web', 'worker']
assert merged.modules*.action == ['built', 'built', 'built', 'built']
assert new File(work, 'jobs/builds-done/artifacts/azbuild-graph/graph.html').isFile()
assert new File(work, 'jobs/builds-done/job.log').text.contains('azbuild ci-collect: every image module was built or re-tagged at ' + commit)

// deployed: every module's marker holds its commit image's digest; the commit is recorded as fully deployed
['libs-base', 'api', 'web', 'worker'].each { image ->
  def marker = lib.record('127.0.0.1:5001', "${prefix}/${image}", 'azbuild-deployed')
  assert marker != null : "no deploy marker for ${image}"
  assert marker.commit == commit
  assert marker.digest == lib.digestOf('127.0.0.1:5000', "${prefix}/${image}", commit)
}
assert lib.record('127.0.0.1:5000', "${prefix}/azbuild-deployed", 'commit').commit == commit

// no image of the run is left on the daemon (each job started without them, the run ends without them)
def local = ['docker', 'images', '--format', '{{.Repository}}:{{.Tag}}'].execute().text.readLines()
assert local.findAll { it.startsWith("127.0.0.1:5000/${prefix}/") }.isEmpty()

// the same registry state as one azbuild:build of the commit (prefix '-direct'): per module the commit
// and branch tags name one digest in each registry. Two docker builds of the same inputs are equal
// only when the layer cache gives every layer: the image config records when it was created and
// rebuilt layers carry new file times (reproducible=true only drops the created label). The jobs
// build on the daemon whose cache the direct build filled, so single-stage images come out
// identical. api's final stage is built with --cache-from its builder stage, which the classic
// builder then takes as its only cache source: its last layers are rebuilt in both builds, so its
// digests differ and what is compared is what the inputs fix: the input-hash and revision labels
// and the layers up to the rebuilt ones.
def accept = 'application/vnd.docker.distribution.manifest.v2+json,application/vnd.oci.image.manifest.v1+json'
def config = { String repository, String tag ->
  def c = new URL("http://127.0.0.1:5000/v2/${repository}/manifests/${tag}").openConnection()
  c.setRequestProperty('Accept', accept)
  def manifest = new JsonSlurper().parse(c.inputStream)
  new JsonSlurper().parse(new URL("http://127.0.0.1:5000/v2/${repository}/blobs/${manifest.config.digest}"))
}
['libs-base', 'api', 'web', 'worker'].each { image ->
  def ci = "${prefix}/${image}"
  def direct = "${prefix}-direct/${image}"
  def ciDigest = lib.digestOf('127.0.0.1:5000', ci, commit)
  def directDigest = lib.digestOf('127.0.0.1:5000', direct, commit)
  assert ciDigest && directDigest
  assert lib.digestOf('127.0.0.1:5000', ci, 'main') == ciDigest
  assert lib.digestOf('127.0.0.1:5000', direct, 'main') == directDigest
  def a = config(ci, commit)
  def b = config(direct, commit)
  ['dev.azbuild.input-hash', 'org.opencontainers.image.revision'].each { label ->
    assert a.config.Labels[label] == b.config.Labels[label] : "${image}: ${label}"
  }
  assert a.config.Labels['org.opencontainers.image.revision'] == commit
  assert !a.config.Labels.containsKey('org.opencontainers.image.created')
  if (image == 'api') {
    assert a.rootfs.diff_ids.take(3) == b.rootfs.diff_ids.take(3) // busybox and libs-base's layers
  } else {
    assert ciDigest == directDigest : "${image}: the CI run and the direct build differ"
    assert a.rootfs.diff_ids == b.rootfs.diff_ids
  }
}
return true
