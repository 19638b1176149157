evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir).initExample()
return true
