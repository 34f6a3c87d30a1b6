import com.example.nets.LeNet5;
import dev.cnnc.runtime.Network;
import dev.cnnc.runtime.io.NdArray;
import dev.cnnc.runtime.io.Npy;
import dev.cnnc.runtime.io.Npz;
import java.nio.file.Files;
import java.nio.file.Path;

/** Classifies the images of an .npy file with the LeNet5 class cnnc compiled. */
public class Classify {
    public static void main(String[] args) throws Exception {
        NdArray images = Npy.read(Path.of(args.length > 0 ? args[0] : "examples/inputs/shapes-4x1x28x28.npy"));
        try (Network net = LeNet5.create()) {
            Path weights = Path.of("out/lenet5.npz");              // e.g. saved by cnnc train, or from PyTorch
            if (Files.exists(weights)) {
                net.parameters().load(Npz.read(weights), weights.toString(), System.err::println);
            }
            int batch = images.dim(0);
            float[] logits = net.forward(batch, images.data())[0]; // [N, 10], flat, in C order
            for (int n = 0; n < batch; n++) {
                int best = 0;
                for (int k = 1; k < 10; k++) {
                    best = logits[n * 10 + k] > logits[n * 10 + best] ? k : best;
                }
                System.out.println("image " + n + ": class " + best);
            }
        }
    }
}
