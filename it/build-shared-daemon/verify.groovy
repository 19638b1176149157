import groovy.json.JsonSlurper

def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
def stamp = new File(basedir, 'prefix.txt').text.trim()
def localRepo = new File(localRepositoryPath.toString())
def repos = ['one', 'two']
def services = ['s1', 's2', 's3']
def rounds = 6

/** The uncompressed layer ids (rootfs.diff_ids) and labels of an image in the cache registry. */
def image = { String repository, String tag ->
  def c = new URL("http://127.0.0.1:5000/v2/${repository}/manifests/${tag}").openConnection()
  c.setRequestProperty('Accept', 'application/vnd.docker.distribution.manifest.v2+json,application/vnd.oci.image.manifest.v1+json')
  assert c.responseCode == 200 : "${repository}:${tag} is not in the cache registry"
  def manifest = new JsonSlurper().parse(c.inputStream)
  def config = new JsonSlurper().parse(new URL("http://127.0.0.1:5000/v2/${repository}/blobs/${manifest.config.digest}"))
  return [layers: config.rootfs.diff_ids, labels: config.config?.Labels ?: [:], digest: c.getHeaderField('Docker-Content-Digest')]
}

def mixed = []
def checked = 0
def unlabelled = []
long start = System.currentTimeMillis()
(1..rounds).each { round ->
  def commits = [:]
  repos.each { name ->
    def repo = lib.at(name)
    repo.write('libs/base/VERSION', "${name}-${round}\n") // a new base in both: every image rebuilds
    commits[name] = repo.commit("base ${round}")
  }
  // staggered starts, the other repository first every other round
  def order = round % 2 == 0 ? repos : repos.reverse()
  def builds = [:]
  builds[order[0]] = lib.at(order[0]).startMvn(localRepo, "round-${round}.log", '-T2', 'build')
  sleep((round % 3) * 300)
  builds[order[1]] = lib.at(order[1]).startMvn(localRepo, "round-${round}.log", '-T2', 'build')
  builds.each { name, process ->
    assert process.waitFor() == 0 : "round ${round}: the build of ${name} failed: " + new File(lib.at(name).basedir, "round-${round}.log").text.readLines().findAll { it.contains('ERROR') }.take(5).join('\n')
  }

  def bases = repos.collectEntries { name -> [name, image("${stamp}-${name}/libs-base", commits[name])] }
  assert bases.one.layers != bases.two.layers : 'the two bases must differ, or the test proves nothing'
  repos.each { name ->
    def own = bases[name]
    services.each { s ->
      def built = image("${stamp}-${name}/${s}", commits[name])
      checked++
      if (built.layers.take(own.layers.size()) != own.layers) {
        def other = bases[repos.find { it != name }]
        def on = built.layers.take(other.layers.size()) == other.layers ? 'the other repository\'s base' : 'an unknown base'
        mixed << "round ${round}: ${name}/${s} sits on ${on}"
      } else if (built.labels['dev.azbuild.parents'] != "libs-base=${own.digest}".toString()) {
        // the label names the parent digest this build resolved
        unlabelled << "round ${round}: ${name}/${s}: ${built.labels['dev.azbuild.parents']}"
      }
    }
  }
}
println "build-shared-daemon: ${rounds} rounds, ${checked} service images, ${mixed.size()} on a mixed parent, ${(System.currentTimeMillis() - start) / 1000} s"
mixed.each { println "  ${it}" }
assert checked == rounds * repos.size() * services.size()
assert mixed.isEmpty() : "${mixed.size()} of ${checked} service images were built on a base that is not their own: ${mixed}"
assert unlabelled.isEmpty() : "dev.azbuild.parents does not name the resolved base digest: ${unlabelled}"
return true
