// Bad inputs on the Java example, each one line naming what, where and the fix, with nothing pushed: a COPY of a jar Maven has not built (azbuild:build before package), an inherited Dockerfile that one module lacks, an opt-out (azbuild.image.skip) next to an image setting of the same module.
def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
lib.initJavaServices()
new File(basedir, '.git/info/exclude') << '*.log\n' // the runs' logs: never committed
def prefix = lib.uniquePrefix('java-bad')
new File(basedir, 'prefix.txt').text = prefix
lib.useRegistry("127.0.0.1:5000/${prefix}")
return true
