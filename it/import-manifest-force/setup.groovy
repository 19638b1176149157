// import-manifest refuses to overwrite an existing pom (one line, nothing written) and overwrites it with -Dazbuild.force, saying which file it replaced.
def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
lib.copyExample('build-manifest')
lib.write('services/web/pom.xml', '<project>hand-written</project>\n')
lib.git('init', '-q')
lib.commit('monorepo with a build manifest and one hand-written pom')
return true
