evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir).initMini()
return true
