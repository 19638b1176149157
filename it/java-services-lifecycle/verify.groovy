def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
def localRepo = new File(localRepositoryPath.toString())
def prefix = new File(basedir, 'prefix.txt').text.trim()
def seq = lib.at('seq')
def par = lib.at('par')
def registry = '127.0.0.1:5000'
def repos = [seq: seq, par: par]
def prefixes = [seq: "${prefix}-seq", par: "${prefix}-par"]
def logText = { repo, String name -> new File(repo.basedir, name).text }

def actions = { repo -> repo.json('target/azbuild/build.json').modules.collectEntries { [it.image, it.action] } }
def run = { String name, List<String> phases = ['install'] ->
  // the same commit in both; each its own registry prefix, so each decides and builds on its own
  par.git('pull', '-q', '--ff-only', seq.basedir.absolutePath, 'main')
  assert par.git('rev-parse', 'HEAD') == seq.git('rev-parse', 'HEAD')
  repos.each { key, repo -> lib.tagExists(registry, "${prefixes[key]}/it-marker", name) } // marks the registry log
  int code = seq.maven(localRepo, "${name}-seq.log", phases as String[])
  assert code == 0 : logText(seq, "${name}-seq.log").takeRight(6000)
  code = par.maven(localRepo, "${name}-par.log", (['-T', '2'] + phases) as String[])
  assert code == 0 : logText(par, "${name}-par.log").takeRight(6000)
}
def output = { String key, String image ->
  def commit = repos[key].git('rev-parse', 'HEAD')
  def proc = ['docker', 'run', '--rm', "${registry}/${prefixes[key]}/${image}:${commit}"].execute()
  def out = proc.text
  assert proc.waitFor() == 0 : out
  return out
}
def bothLogs = { String name -> ['seq', 'par'].collectEntries { [it, logText(repos[it], "${name}-${it}.log")] } }

// 1. the invoker's `mvn install` (seq): jars, then images in reactor order; the root (a pom-packaged
// parent that sets the shared Dockerfile) and the library (azbuild.image.skip) build none
// the invoker writes the run's log into the project, or appends it to one build.log at the test's root
def first = [new File(seq.basedir, 'build.log'), new File(basedir, 'build.log')].find { it.exists() }.text
assert actions(seq) == [hello: 'built', clock: 'built']
assert first.contains('dev.azbuild.example.java:java-services: skipped (a pom-packaged parent: azbuild.dockerfile is for its modules;')
assert first.contains('dev.azbuild.example.java:greeting: skipped (azbuild.image.skip=true)')
// build ran at package after the jar and target/lib (its Dockerfile copies both)
['hello', 'clock'].each { svc ->
  int jar = first.indexOf("--- jar:3.4.2:jar (default-jar) @ ${svc} ---")
  int copy = first.indexOf("--- dependency:3.8.1:copy-dependencies (runtime-dependencies) @ ${svc} ---")
  int build = first.indexOf("--- azbuild:${lib.pluginVersion()}:build (azbuild) @ ${svc} ---")
  assert 0 < jar && jar < copy && copy < build : svc
}
assert output('seq', 'hello').startsWith('Hello, world!\nhello 1.0.0-SNAPSHOT on Java 17')
assert output('seq', 'clock') =~ /^Hello, clock! It is \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\.\nclock 1\.0\.0-SNAPSHOT on Java 17/
// the same commit under -T 2 in the clone builds both too
int code = par.maven(localRepo, 'first-par.log', '-T', '2', 'install')
assert code == 0 : logText(par, 'first-par.log').takeRight(6000)
assert actions(par) == [hello: 'built', clock: 'built']
assert logText(par, 'first-par.log').contains('Using the MultiThreadedBuilder implementation with a thread count of 2')

// the plan's header names the registry, mode and base and where each setting was declared
code = seq.mvn(localRepo, 'plan.log', 'plan')
def plan = logText(seq, 'plan.log')
assert code == 0 : plan
assert plan.contains("azbuild plan: azbuild.cacheRegistry=${registry}/${prefixes.seq} (-D); azbuild.mode=content (default); azbuild.base= (unset)")
assert plan.contains('azbuild plan: module settings: azbuild.image.skip=true (libs/greeting/pom.xml) for libs/greeting;'
    + ' azbuild.dockerfile=${maven.multiModuleProjectDirectory}/docker/Dockerfile (pom.xml) for services/hello, services/clock')

// 2. an unrelated commit: nothing to build, both services re-tagged in the registry, 0 layer bytes
// moved; their tests are skipped (azbuild.skipTestsWhenUnchanged in the example's root pom)
seq.write('README.md', new File(seq.basedir, 'README.md').text + '\nA note that no image depends on.\n')
seq.commit('docs: a note')
run('unrelated')
bothLogs('unrelated').each { key, log ->
  assert actions(repos[key]) == [hello: 'retagged', clock: 'retagged'] : key
  assert log.contains('services/hello: tests skipped (azbuild.skipTestsWhenUnchanged: the image cache-')
  assert log.contains('services/clock: tests skipped (azbuild.skipTestsWhenUnchanged: the image cache-')
  assert !(log =~ /Tests run: \d+, Failures: 0, Errors: 0, Skipped: 0, Time elapsed: [\d.]+ s -- in dev\.azbuild\.example\.(hello|clock)/)
  // the library's tests still run: it has no image whose inputs prove anything
  assert log.contains('-- in dev.azbuild.example.greeting.GreetingTest')
  def lines = lib.registryLogAfter(prefixes[key], '/it-marker/manifests/unrelated')
  assert !lines.isEmpty()
  def layers = lines.findAll { it =~ /\/blobs\// && !it.contains('/azbuild-build/') } // the build record's blob is no layer
  assert layers.isEmpty() : layers
  assert lines.findAll { it.contains('"docker/') }.isEmpty() : 'the Docker daemon talked to the registry'
}

// 3. a service's source: only that service rebuilds (and runs its tests); its image runs the new code
def hello = 'services/hello/src/main/java/dev/azbuild/example/hello/Hello.java'
seq.write(hello, new File(seq.basedir, hello).text.replace(
    'System.out.println(Greeting.greet(name(args, System.getenv())));',
    'System.out.println(Greeting.greet(name(args, System.getenv())) + " Nice to see you.");'))
seq.commit('hello: nicer')
run('service')
bothLogs('service').each { key, log ->
  assert actions(repos[key]) == [hello: 'built', clock: 'retagged'] : key
  assert log.contains("services/hello: rebuild (${hello} changed)")
  assert log.contains('services/hello: tests run (its inputs changed)')
  assert log.contains('-- in dev.azbuild.example.hello.HelloTest')
  assert log.contains('services/clock: unchanged (image cache-')
  assert log.contains('services/clock: tests skipped')
  assert output(key, 'hello').startsWith('Hello, world! Nice to see you.\n')
}

// 4. the library both services use: both rebuild, both images print the new greeting
def greeting = 'libs/greeting/src/main/java/dev/azbuild/example/greeting/Greeting.java'
seq.write(greeting, new File(seq.basedir, greeting).text.replace('"Hello, " + name + "!"', '"Hi, " + name + "!"'))
seq.write('libs/greeting/src/test/java/dev/azbuild/example/greeting/GreetingTest.java',
    new File(seq.basedir, 'libs/greeting/src/test/java/dev/azbuild/example/greeting/GreetingTest.java').text.replace('"Hello, reader!"', '"Hi, reader!"'))
seq.write('services/clock/src/test/java/dev/azbuild/example/clock/ClockTest.java',
    new File(seq.basedir, 'services/clock/src/test/java/dev/azbuild/example/clock/ClockTest.java').text.replace('"Hello, clock!', '"Hi, clock!'))
seq.commit('greeting: hi')
run('library')
bothLogs('library').each { key, log ->
  assert actions(repos[key]) == [hello: 'built', clock: 'built'] : key
  assert log.contains("services/hello: rebuild (${greeting} changed")
  assert log.contains("services/clock: rebuild (")
  assert output(key, 'hello').startsWith('Hi, world! Nice to see you.\n')
  assert output(key, 'clock').startsWith('Hi, clock! It is ')
}

// 5. the root pom's compiler release: both rebuild (the parent POM is an input of every module).
// With clean: maven-compiler-plugin's incremental check does not see a changed release and would
// keep the Java 17 classes of target/ (a fresh CI clone has no target/)
seq.write('pom.xml', new File(seq.basedir, 'pom.xml').text.replace(
    '<maven.compiler.release>17</maven.compiler.release>', '<maven.compiler.release>11</maven.compiler.release>'))
seq.commit('compile for Java 11')
run('release', ['clean', 'install'])
bothLogs('release').each { key, log ->
  assert actions(repos[key]) == [hello: 'built', clock: 'built'] : key
  assert log.contains('services/hello: rebuild (pom.xml changed')
  assert log.contains('services/clock: rebuild (pom.xml changed')
  assert log.contains('[debug release 11]')
}
// class files for Java 11 (major version 55) in the image's jar
def commit = seq.git('rev-parse', 'HEAD')
def cid = ['docker', 'create', "${registry}/${prefixes.seq}/hello:${commit}"].execute().text.trim()
try {
  def dir = new File(basedir, 'image-jar')
  dir.mkdirs()
  assert ['docker', 'cp', "${cid}:/app/app.jar", new File(dir, 'app.jar').absolutePath].execute().waitFor() == 0
  def zip = new java.util.zip.ZipFile(new File(dir, 'app.jar'))
  def entry = zip.getEntry('dev/azbuild/example/hello/Hello.class')
  def bytes = zip.getInputStream(entry).bytes
  zip.close()
  assert ((bytes[6] & 0xff) << 8 | (bytes[7] & 0xff)) == 55
} finally {
  ['docker', 'rm', cid].execute().waitFor()
}

// 6. mvn deploy under -T 2, the goals bound in the lifecycle: a module that fails (a broken test in
// clock, with --fail-at-end so the others go on) never reaches deploy, so nothing is deployed
def deployArgs = ["-Dazbuild.deployRegistry=127.0.0.1:5001/${prefixes.par}".toString()]
def broken = 'services/clock/src/test/java/dev/azbuild/example/clock/BrokenTest.java'
par.write(broken, 'package dev.azbuild.example.clock;\nclass BrokenTest {\n  @org.junit.jupiter.api.Test\n  void fails() { throw new AssertionError("broken on purpose"); }\n}\n')
code = par.maven(localRepo, 'deploy-fails.log', (['-T', '2', '--fail-at-end', 'deploy'] + deployArgs) as String[])
def failedDeploy = logText(par, 'deploy-fails.log')
assert code != 0 : failedDeploy.takeRight(4000)
assert failedDeploy.contains('broken on purpose')
assert (failedDeploy =~ /: deploy deferred to the end of the reactor \(\d of 4 modules reached deploy\)/).size() == 3
assert !failedDeploy.contains('deploying the reactor once')
['hello', 'clock'].each { assert lib.record('127.0.0.1:5001', "${prefixes.par}/${it}", 'azbuild-deployed') == null }

// 7. the same without the broken test: the last module to reach deploy deploys the reactor, once
new File(par.basedir, broken).delete()
code = par.maven(localRepo, 'deploy.log', (['-T', '2', 'deploy'] + deployArgs) as String[])
def deployed = logText(par, 'deploy.log')
assert code == 0 : deployed.takeRight(4000)
assert (deployed =~ /: deploy deferred to the end of the reactor \(\d of 4 modules reached deploy\)/).size() == 3
assert (deployed =~ /azbuild deploy: 4 of 4 modules reached deploy; deploying the reactor once/).size() == 1
def parCommit = par.git('rev-parse', 'HEAD')
['hello', 'clock'].each { image ->
  def marker = lib.record('127.0.0.1:5001', "${prefixes.par}/${image}", 'azbuild-deployed')
  assert marker != null && marker.commit == parCommit : image
  assert marker.digest == lib.digestOf(registry, "${prefixes.par}/${image}", parCommit)
}
return true
