/**
 * Pictures of training: the loss and accuracy curves ({@link dev.cnnc.pictures.TrainingPlot}, drawn by
 * XChart) and grids of a layer's filters or feature maps ({@link dev.cnnc.pictures.ImageGrid}, drawn with
 * {@code java.awt.image} and written by {@code ImageIO}).
 */
package dev.cnnc.pictures;
