import groovy.json.JsonSlurper

def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
def prefix = new File(basedir, 'prefix.txt').text.trim()
int port = new File(basedir, 'port.txt').text.trim() as int
def host = "127.0.0.1:${port}"
def commit = lib.git('rev-parse', 'HEAD')

assert new File(basedir, 'killed.txt').exists() : 'the relay never saw an upload of app'
def lines = lib.log().readLines()
def error = lines.find { it.startsWith('[ERROR] Failed to execute goal') }
// one line naming the module, the image and the registry, and how many attempts took how long
def matcher = error =~ /on project app: app: push of ${java.util.regex.Pattern.quote(host)}\/${prefix}\/app:cache-[0-9a-f]{64} to ${java.util.regex.Pattern.quote(host)} failed after 3 attempts in (\d+\.\d) s: /
assert matcher.find() : error
// bounded: the daemon alone retries each layer for about 50 s, times azbuild's 3 attempts
assert (matcher.group(1) as double) < 30 : error
def failed = lib.json('target/azbuild/build.json')
assert failed.modules.find { it.image == 'base' }.action == 'built'
assert failed.modules.find { it.image == 'app' }.action == 'failed'

def registry = lib.privateRegistry(new File(basedir, 'registry'), port).start()
try {
  /** Every tag of a repository and the digest it names. */
  def tags = { String image ->
    def list = new JsonSlurper().parse(new URL("http://${host}/v2/${prefix}/${image}/tags/list"))
    (list.tags ?: []).collectEntries { [(it): lib.digestOf(host, "${prefix}/${image}", it)] }
  }
  // after the failure: base complete, app has no tag at all (none may name an image that is not there)
  def base = tags('base')
  assert base.keySet().containsAll([commit, 'main']) && base.values().toSet().size() == 1 : base
  def appTags = new URL("http://${host}/v2/${prefix}/app/tags/list").openConnection()
  assert appTags.responseCode == 404 || !(new JsonSlurper().parse(appTags.inputStream).tags) : 'app has tags'

  assert lib.mvn(new File(localRepositoryPath.toString()), 'rerun.log', 'build') == 0 : new File(basedir, 'rerun.log').text
  def rerun = lib.json('target/azbuild/build.json')
  assert rerun.modules*.action == ['retagged', 'built'] : rerun.modules*.action
  ['base', 'app'].each { image ->
    def state = tags(image)
    def reported = rerun.modules.find { it.image == image }.digest
    assert state[commit] == reported : "${image}: ${state} vs build.json ${reported}"
    assert state.values().toSet() == [reported].toSet() : "${image}: ${state}"
    // and the manifest it names is there, with its config
    def c = new URL("http://${host}/v2/${prefix}/${image}/manifests/${reported}").openConnection()
    c.setRequestProperty('Accept', 'application/vnd.docker.distribution.manifest.v2+json,application/vnd.oci.image.manifest.v1+json')
    assert c.responseCode == 200
  }
  def label = ['docker', 'image', 'inspect', '-f', '{{index .Config.Labels "dev.azbuild.parents"}}',
               "${host}/${prefix}/app:${commit}"].execute().text.trim()
  assert label == "base=${rerun.modules.find { it.image == 'base' }.digest}"
} finally {
  registry.kill()
}
return true
