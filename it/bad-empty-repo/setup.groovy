// A repository with no commit yet (git init, files not committed): one line saying to commit first.
def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
lib.copyExample('monorepo')
lib.git('init', '-q')
return true
