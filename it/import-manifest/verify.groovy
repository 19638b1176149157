import groovy.json.JsonSlurper

def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
def log = lib.log()

// the import said what it wrote, one line per file
assert log.contains('[INFO] wrote pom.xml')
assert log.contains('[INFO] wrote services/web/pom.xml')
assert log.contains('[INFO] wrote services/web/.rebuild_patterns')
assert log.contains('[INFO] wrote azbuild-modules/tools-lint/pom.xml')
assert log.contains('[INFO] kept services/api/.rebuild_patterns')
assert log.contains("[WARNING] build_manifest.json: project 'tools-lint': 'multiarch' ignored")
assert new File(basedir, 'pom.xml').text.contains('<module>azbuild-modules/tools-test</module>')

// What the manifest's scripts decide: per project the words of its own rebuildPatterns and of all
// its transitive dependencies', matched with grep -E against git diff --name-only base head.
def manifest = new JsonSlurper().parse(new File(basedir, 'build_manifest.json'))
def words = { Map p ->
  def projectDir = p.projectDir ?: p.buildDir
  def text = p.rebuildPatterns == null ? "^${projectDir}/"
      : p.rebuildPatterns instanceof String ? new File(basedir, "${projectDir}/${p.rebuildPatterns}").text
      : p.rebuildPatterns.join(' ')
  text.split(/[ \t\n]+/).findAll { it }
}
def closure
closure = { String name, Set seen -> if (seen.add(name)) { (manifest[name].dependencies ?: []).findAll { it }.each { closure(it, seen) } }; seen }
def expected = manifest.keySet().findAll { name ->
  def patterns = closure(name, [] as LinkedHashSet).collectMany { words(manifest[it]) }
  def file = new File(basedir, "target/bash-${name}.patterns")
  file.parentFile.mkdirs()
  file.text = patterns.join('\n') + '\n'
  lib.bashScriptsSayRebuild('it-base', 'HEAD', file.absolutePath)
} as Set

def plan = lib.json('target/azbuild/plan.json')
assert plan.mode == 'diff'
assert plan.base == lib.git('rev-parse', 'it-base')
assert plan.modules*.image as Set == manifest.keySet()
def rebuilt = plan.modules.findAll { it.rebuild }*.image as Set
assert rebuilt == expected
// and what that is, so the comparison cannot pass on two empty sets
assert expected == ['api', 'proto', 'tools-lint', 'tools-test'] as Set
def byImage = plan.modules.collectEntries { [it.image, it] }
assert byImage['proto'].reasons == ['tools/protoc.version matched ^tools/protoc\\.version$']
// groupId and root artifactId default to the directory's name
assert byImage['api'].reasons == ['upstream import-manifest:proto rebuilds']
assert !byImage['web'].rebuild && !byImage['base'].rebuild
return true
