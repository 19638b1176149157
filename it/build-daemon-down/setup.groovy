// build with an unreachable Docker daemon fails with one line naming the socket and saying to start it.
def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
lib.initMini()
return true
