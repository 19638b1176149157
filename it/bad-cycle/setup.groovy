// A dependency cycle between two image modules: Maven refuses the reactor before azbuild runs.
def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
lib.initMini()
// base now also depends on app, which builds FROM base: app -> base -> app
def pom = new File(basedir, 'base/pom.xml')
pom.text = pom.text.replace('<packaging>pom</packaging>',
    '<packaging>pom</packaging><dependencies><dependency><groupId>dev.azbuild.it</groupId><artifactId>app</artifactId><version>1</version><type>pom</type></dependency></dependencies>')
lib.commit('base depends on app')
return true
