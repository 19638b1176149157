// Content mode on the example monorepo: every module gets an input hash and a rebuild reason, plan.json and check-rebuild agree.
def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
lib.initExample()
return true
