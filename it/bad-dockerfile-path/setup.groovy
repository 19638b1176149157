// A module whose azbuild.dockerfile names a missing file fails plan with one line naming the pom, the path and the fix.
def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
lib.initMini()
lib.write('app/pom.xml', new File(basedir, 'app/pom.xml').text.replace('<packaging>pom</packaging>',
    '<packaging>pom</packaging><properties><azbuild.dockerfile>docker/Dockerfile.prod</azbuild.dockerfile></properties>'))
lib.commit('app: Dockerfile moved, path wrong')
return true
