def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
def ids = ['dev.azbuild.example:libs-base', 'dev.azbuild.example:api', 'dev.azbuild.example:web',
           'dev.azbuild.example:worker']
def dirs = ['libs/base', 'services/api', 'services/web', 'services/worker']
def out = new File(basedir, 'target/azbuild')
def log = lib.log()

// graph.json: every module with the plan's decision and reasons, api failed, edges upstream -> downstream
def graph = lib.json('target/azbuild/graph.json')
assert graph.head == lib.git('rev-parse', 'HEAD')
assert graph.nodes*.id == ids
assert graph.nodes*.dir == dirs
graph.nodes.each { n ->
  assert n.decision == 'rebuild'
  assert n.reasons.any { it.startsWith('no image cache-') }
}
assert graph.nodes*.status == ['rebuild', 'failed', 'rebuild', 'rebuild']
assert graph.nodes[1].reasons[0] == 'build failed: services/api: RUN ./build.sh returned 2'
assert graph.edges.collect { it.from + ' -> ' + it.to } == ['api', 'web', 'worker'].collect {
  'dev.azbuild.example:libs-base -> dev.azbuild.example:' + it
}

// the other three name every module
def mermaid = new File(out, 'graph.mmd').text
def dot = new File(out, 'graph.dot').text
def html = new File(out, 'graph.html').text
assert mermaid.contains('flowchart LR')
dirs.each { assert mermaid.contains("[\"${it}<br/>") }
assert mermaid =~ /class n1 failed/
ids.each { assert dot.contains("\"${it}\" [label=") }
assert dot.contains('"dev.azbuild.example:libs-base" -> "dev.azbuild.example:api";')
ids.each { assert html =~ /"id" *: *"${java.util.regex.Pattern.quote(it)}"/ }
assert !(html =~ /(?i)<(link|img|iframe)\b|\bsrc\s*=/)

// the paths written and the one-line summary
['graph.mmd', 'graph.dot', 'graph.json', 'graph.html'].each { assert log.contains("wrote ${new File(out, it).canonicalPath}") || log.contains("wrote ${new File(out, it).absolutePath}") }
assert log.contains('azbuild graph: 4 modules, 4 rebuild, 0 unchanged, 1 failed in the last build')
return true
