// The first build compiles the model; the second compiles nothing and still adds the source root.
def log = new File(basedir, 'build.log').text
assert log.contains('cnnc: 1 compiled, 0 up to date') : log
assert log.contains('cnnc: 0 compiled, 1 up to date') : log
assert new File(basedir, 'target/maven-status/cnnc/default/models.lst').isFile()
