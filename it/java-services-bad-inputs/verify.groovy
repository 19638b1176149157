def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
def localRepo = new File(localRepositoryPath.toString())
def prefix = new File(basedir, 'prefix.txt').text.trim()

/** The one [ERROR] line of a failed goal; its message is one line. */
def failure = { String log ->
  def errors = log.readLines().findAll { it.startsWith('[ERROR] Failed to execute goal') }
  assert errors.size() == 1 : log.takeRight(4000)
  return errors[0]
}
def nothingPushed = {
  ['hello', 'clock', 'greeting', 'java-services'].each { image ->
    def c = new URL("http://127.0.0.1:5000/v2/${prefix}/${image}/tags/list").openConnection()
    assert c.responseCode == 404 : "${image}: ${c.responseCode == 200 ? c.inputStream.text : c.responseCode}"
  }
}
def build = { String name ->
  int code = lib.mvn(localRepo, "${name}.log", 'build')
  def log = new File(basedir, "${name}.log").text
  assert code != 0 : log.takeRight(4000)
  return failure(log)
}

// 1. azbuild:build before `mvn package`: the Dockerfile's COPY of target/ has nothing to copy. The
// error says so before docker runs, names the Dockerfile line, and says to run package first or
// to bind the goal after the jar.
def error = failure(lib.log())
assert error.contains('on project hello: services/hello: docker/Dockerfile:15: COPY target/lib/ matches no file in'
    + ' services/hello/target (the module\'s Maven build output); run `mvn package` before azbuild:build'
    + ' (`mvn package azbuild:build`), or bind the build goal in the pom so it runs at package, after the jar') : error
assert !lib.log().contains('Step 1/') : 'docker was asked to build'
assert lib.json('target/azbuild/build.json').modules.find { it.image == 'hello' }.action == 'failed'
nothingPushed()

// 2. the shared Dockerfile, given relative to each module in the root pom, exists for hello only
def rootPom = new File(basedir, 'pom.xml').text
lib.write('pom.xml', rootPom.replace('<azbuild.dockerfile>${maven.multiModuleProjectDirectory}/docker/Dockerfile</azbuild.dockerfile>',
    '<azbuild.dockerfile>src/main/docker/Dockerfile</azbuild.dockerfile>'))
lib.write('services/hello/src/main/docker/Dockerfile', new File(basedir, 'docker/Dockerfile').text)
lib.commit('the Dockerfile per module')
error = build('inherited-missing')
assert error.contains('on project java-services: services/clock/pom.xml: azbuild.dockerfile=src/main/docker/Dockerfile'
    + ' (inherited from pom.xml) does not exist for this module (services/clock/src/main/docker/Dockerfile);'
    + ' add the file, set azbuild.dockerfile in services/clock/pom.xml, or opt the module out with'
    + ' <azbuild.image.skip>true</azbuild.image.skip>') : error
nothingPushed()
lib.git('reset', '-q', '--hard', 'HEAD~1')

// 3. the library opts out and names an image
def greetingPom = new File(basedir, 'libs/greeting/pom.xml').text
lib.write('libs/greeting/pom.xml', greetingPom.replace('<azbuild.image.skip>true</azbuild.image.skip>',
    '<azbuild.image.skip>true</azbuild.image.skip>\n    <azbuild.image>greeting</azbuild.image>'))
lib.commit('greeting: an image after all?')
error = build('skip-and-image')
assert error.contains('libs/greeting/pom.xml: azbuild.image.skip=true and azbuild.image=greeting on the same module;'
    + ' remove azbuild.image.skip (or set it to false) to build the image, or remove azbuild.image to build none') : error
nothingPushed()
return true
