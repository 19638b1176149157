def log = new File(basedir, 'build.log').text
assert log.contains('on project monorepo: azbuild.graph.format=mermaid,png: unknown format \'png\'; use a comma list of mermaid, dot, json, html, or all')
// nothing is written when the list is bad, not even the valid formats
assert !new File(basedir, 'target/azbuild/graph.mmd').exists()
return true
