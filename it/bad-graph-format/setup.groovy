// An unknown azbuild.graph.format fails the graph goal with one line listing the formats, and writes no file at all.
def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
lib.initExample()
// invoker.goals splits on commas, so the format list comes from .mvn/maven.config
lib.write('.mvn/maven.config', '-Dazbuild.graph.format=mermaid,png\n')
return true
