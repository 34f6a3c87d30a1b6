// Java source in target/generated-sources/cnnc, compiled with the project, and the user's tests pass on it.
def generated = new File(basedir, 'target/generated-sources/cnnc/com/example/nets')
assert new File(generated, 'LeNet5.java').isFile()
assert new File(generated, 'LeNet5Vector.java').isFile()
assert new File(generated, 'LeNet5Scalar.java').isFile()
assert new File(basedir, 'target/classes/com/example/nets/LeNet5Vector.class').isFile()
def log = new File(basedir, 'build.log').text
assert log.contains('cnnc: 1 compiled, 0 up to date')
assert log.contains('Tests run: 2, Failures: 0, Errors: 0, Skipped: 0')
