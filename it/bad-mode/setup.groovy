// An unknown azbuild.mode fails plan with one line naming the two modes, and writes no plan.
evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir).initExample()
return true
