"""The GAN lab's engine (seed 003, "Red Generativa Adversarial"): a generator G and a discriminator
D, two small MLPs trained against each other on points in the plane."""
