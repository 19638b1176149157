def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
def log = lib.log()
assert log.contains('on project monorepo: services/worker/Dockerfile:2: web is the image of module dev.azbuild.example:web, but dev.azbuild.example:worker does not depend on it; add <dependency><groupId>dev.azbuild.example</groupId><artifactId>web</artifactId>')
assert log.contains('to services/worker/pom.xml')
assert !new File(basedir, 'target/azbuild/plan.json').exists()
return true
