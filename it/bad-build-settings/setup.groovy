// A bad azbuild.pull or azbuild.namespace fails the build with one line naming the parameter and the fix, before any image is built.
evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir).initMini()
return true
