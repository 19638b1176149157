// azbuild:help lists every goal, and -Ddetail -Dgoal=build shows the build goal's parameters with their properties and defaults.
evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir).initExample()
return true
