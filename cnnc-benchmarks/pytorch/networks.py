"""PyTorch twins of the networks in cnnc-benchmarks/models (same layers, shapes and parameter
counts), for compare.py. ResNet and VGG come from torchvision (Debian's python3-torchvision), the
others are written here as the .cnn files describe them."""
import torch.nn as nn
import torchvision


def resnet18():
    return torchvision.models.resnet18()


def resnet50():
    return torchvision.models.resnet50()


def vgg11():
    return torchvision.models.vgg11()


def conv_bn_relu(cin, cout, kernel, stride=1, padding=0, groups=1):
    return [nn.Conv2d(cin, cout, kernel, stride, padding, groups=groups, bias=False), nn.BatchNorm2d(cout), nn.ReLU()]


def mobilenet_v1():
    """MobileNet-V1 with ReLU (the .cnn file's choice until the language has relu6)."""
    cfg = [(64, 1), (128, 2), (128, 1), (256, 2), (256, 1), (512, 2)] + [(512, 1)] * 5 + [(1024, 2), (1024, 1)]
    layers, c = conv_bn_relu(3, 32, 3, 2, 1), 32
    for out, stride in cfg:
        layers += conv_bn_relu(c, c, 3, stride, 1, groups=c) + conv_bn_relu(c, out, 1)
        c = out
    return nn.Sequential(*layers, nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(1024, 1000))


class UNet256(nn.Module):
    def __init__(self):
        super().__init__()
        widths = [32, 64, 128, 256]

        def double(cin, cout):
            return nn.Sequential(*conv_bn_relu(cin, cout, 3, 1, 1), *conv_bn_relu(cout, cout, 3, 1, 1))

        self.downs = nn.ModuleList()
        c = 3
        for w in widths:
            self.downs.append(double(c, w))
            c = w
        self.mid = double(256, 512)
        self.ups = nn.ModuleList()
        self.merges = nn.ModuleList()
        c = 512
        for w in reversed(widths):
            self.ups.append(nn.ConvTranspose2d(c, w, 2, stride=2))
            self.merges.append(double(2 * w, w))
            c = w
        self.mask = nn.Conv2d(32, 1, 1)

    def forward(self, x):
        import torch
        skips = []
        for down in self.downs:
            x = down(x)
            skips.append(x)
            x = nn.functional.max_pool2d(x, 2)
        x = self.mid(x)
        for up, merge, skip in zip(self.ups, self.merges, reversed(skips)):
            x = merge(torch.cat([up(x), skip], 1))
        return torch.sigmoid(self.mask(x))


def dcgan_generator():
    def block(cin, cout, stride, padding):
        return [nn.ConvTranspose2d(cin, cout, 4, stride, padding, bias=False), nn.BatchNorm2d(cout), nn.ReLU()]
    return nn.Sequential(*block(100, 512, 1, 0), *block(512, 256, 2, 1), *block(256, 128, 2, 1), *block(128, 64, 2, 1),
                         nn.ConvTranspose2d(64, 3, 4, 2, 1, bias=False), nn.Tanh())
