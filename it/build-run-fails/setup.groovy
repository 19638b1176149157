// A failing RUN step fails build with one line naming the module, the Dockerfile, the exit code and the output; the module gets no commit tag and build.json records the failure.
def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
lib.initMini()
lib.write('app/Dockerfile', 'FROM base\nRUN echo "compiling app" && echo "error: missing symbol frobnicate" >&2 && exit 3\n')
lib.commit('app: broken build')
def prefix = lib.uniquePrefix('runfails')
new File(basedir, 'prefix.txt').text = prefix
lib.useRegistry("127.0.0.1:5000/${prefix}")
return true
