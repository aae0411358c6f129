import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;

import javax.imageio.ImageIO;

/**
 * Draws the 16x16 node icons (our own artwork). Run from plugins/org.vaenodes.knime:
 * {@code java tools/MakeIcons.java}
 */
public class MakeIcons {

    static final Color INK = new Color(0x2f3b52);
    static final Color ACCENT = new Color(0x7a4fd6);

    public static void main(String[] args) throws IOException {
        String nodes = "src/main/java/org/vaenodes/knime/nodes/";
        save(category(), "icons/category.png");
        save(reader(), nodes + "reader/mnist-reader.png");
        save(imageFolder(), nodes + "imagereader/image-folder-reader.png");
        save(encoder(), nodes + "encoder/vae-encoder.png");
        save(decoder(), nodes + "decoder/vae-decoder.png");
        save(latentGrid(), nodes + "grid/latent-grid.png");
        save(learner(), nodes + "learner/vae-learner.png");
        save(modelFile(true), nodes + "modelio/model-writer.png");
        save(modelFile(false), nodes + "modelio/model-reader.png");
        save(averager(), nodes + "averager/model-averager.png");
    }

    /** Three small hourglasses (the models) on the left merge into one on the right. */
    static BufferedImage averager() {
        BufferedImage img = canvas();
        Graphics2D g = pen(img);
        g.setColor(ACCENT);
        for (int y : new int[] {0, 6, 12}) {
            g.fillPolygon(new int[] {0, 2, 2, 0}, new int[] {y, y + 1, y + 2, y + 3}, 4);
            g.fillPolygon(new int[] {4, 2, 2, 4}, new int[] {y, y + 1, y + 2, y + 3}, 4);
        }
        g.setColor(INK);
        g.drawLine(5, 2, 8, 7);
        g.drawLine(5, 7, 8, 7);
        g.drawLine(5, 13, 8, 8);
        g.setColor(ACCENT);
        g.fillPolygon(new int[] {9, 12, 12, 9}, new int[] {3, 6, 9, 12}, 4);
        g.fillPolygon(new int[] {15, 12, 12, 15}, new int[] {3, 6, 9, 12}, 4);
        g.dispose();
        return img;
    }

    /** A small hourglass and a document with a folded corner; the arrow points into the file (write) or out of it. */
    static BufferedImage modelFile(boolean write) {
        BufferedImage img = canvas();
        Graphics2D g = pen(img);
        // the document, right half
        g.setColor(Color.WHITE);
        g.fillPolygon(new int[] {8, 13, 15, 15, 8}, new int[] {3, 3, 5, 15, 15}, 5);
        g.setColor(INK);
        g.drawPolygon(new int[] {8, 13, 15, 15, 8}, new int[] {3, 3, 5, 15, 15}, 5);
        g.fillRect(10, 8, 4, 1);
        g.fillRect(10, 10, 4, 1);
        g.fillRect(10, 12, 3, 1);
        // the model, left: a small hourglass
        g.setColor(ACCENT);
        g.fillPolygon(new int[] {0, 3, 3, 0}, new int[] {0, 2, 4, 6}, 4);
        g.fillPolygon(new int[] {6, 3, 3, 6}, new int[] {0, 2, 4, 6}, 4);
        // the arrow between them
        g.setColor(INK);
        g.setStroke(new BasicStroke(1.5f));
        if (write) {
            g.drawLine(3, 8, 3, 11);
            g.drawLine(3, 11, 7, 11);
            g.fillPolygon(new int[] {6, 8, 6}, new int[] {9, 11, 13}, 3);
        } else {
            g.drawLine(7, 11, 3, 11);
            g.drawLine(3, 11, 3, 9);
            g.fillPolygon(new int[] {1, 3, 5}, new int[] {9, 7, 9}, 3);
        }
        g.dispose();
        return img;
    }

    /** An hourglass-shaped network: wide input, narrow latent code, wide output. */
    static BufferedImage category() {
        BufferedImage img = canvas();
        Graphics2D g = pen(img);
        g.setColor(ACCENT);
        g.fillPolygon(new int[] {1, 6, 6, 1}, new int[] {1, 6, 10, 15}, 4);
        g.fillPolygon(new int[] {15, 10, 10, 15}, new int[] {1, 6, 10, 15}, 4);
        g.setColor(INK);
        g.fillRect(7, 6, 2, 4);
        g.dispose();
        return img;
    }

    /** A page with a small "7" digit on a grid. */
    static BufferedImage reader() {
        BufferedImage img = canvas();
        Graphics2D g = pen(img);
        g.setColor(Color.WHITE);
        g.fillRect(1, 1, 14, 14);
        g.setColor(INK);
        g.drawRect(1, 1, 13, 13);
        g.setColor(ACCENT);
        g.setStroke(new BasicStroke(2f));
        g.drawLine(4, 4, 11, 4);
        g.drawLine(11, 4, 6, 12);
        g.dispose();
        return img;
    }

    /** A folder holding a small picture: a hill under a sun. */
    static BufferedImage imageFolder() {
        BufferedImage img = canvas();
        Graphics2D g = pen(img);
        // the folder: a tab on the back, then the front
        g.setColor(INK);
        g.fillRect(0, 2, 6, 3);
        g.fillRect(0, 4, 16, 11);
        // the picture inside it
        g.setColor(Color.WHITE);
        g.fillRect(2, 6, 12, 7);
        g.setColor(ACCENT);
        g.fillPolygon(new int[] {2, 8, 11, 14, 14, 2}, new int[] {13, 8, 11, 9, 13, 13}, 6);
        g.fillRect(3, 7, 2, 2);
        g.dispose();
        return img;
    }

    /** The hourglass with a small "learning" arrow underneath. */
    static BufferedImage learner() {
        BufferedImage img = canvas();
        Graphics2D g = pen(img);
        g.setColor(ACCENT);
        g.fillPolygon(new int[] {1, 6, 6, 1}, new int[] {1, 5, 8, 12}, 4);
        g.fillPolygon(new int[] {15, 10, 10, 15}, new int[] {1, 5, 8, 12}, 4);
        g.setColor(INK);
        g.fillRect(7, 5, 2, 3);
        g.drawLine(2, 14, 13, 14);
        g.drawLine(11, 12, 13, 14);
        g.dispose();
        return img;
    }

    /** Encoder: a wide input narrowing into a small latent code (two dots). */
    static BufferedImage encoder() {
        BufferedImage img = canvas();
        Graphics2D g = pen(img);
        g.setColor(INK);
        g.fillPolygon(new int[] {1, 9, 9, 1}, new int[] {1, 5, 11, 15}, 4);
        g.setColor(ACCENT);
        g.fillOval(11, 4, 4, 4);
        g.fillOval(11, 9, 4, 4);
        g.dispose();
        return img;
    }

    /** Decoder/sampler: a small latent code (two dots) widening into an output. */
    static BufferedImage decoder() {
        BufferedImage img = canvas();
        Graphics2D g = pen(img);
        g.setColor(ACCENT);
        g.fillOval(1, 4, 4, 4);
        g.fillOval(1, 9, 4, 4);
        g.setColor(INK);
        g.fillPolygon(new int[] {7, 15, 15, 7}, new int[] {5, 1, 15, 11}, 4);
        g.dispose();
        return img;
    }

    /** Latent grid: 3 × 3 tiles whose ink shifts gradually, like a morphing manifold. */
    static BufferedImage latentGrid() {
        BufferedImage img = canvas();
        Graphics2D g = pen(img);
        g.setColor(INK);
        g.fillRect(0, 0, 16, 16);
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                int x = 1 + c * 5;
                int y = 1 + r * 5;
                g.setColor(new Color(0x7a4fd6).brighter());
                g.fillRect(x, y, 4, 4);
                g.setColor(Color.WHITE);
                g.fillRect(x + (c + r) % 3, y + 1, 2, 2);
            }
        }
        g.dispose();
        return img;
    }

    static BufferedImage canvas() {
        return new BufferedImage(16, 16, BufferedImage.TYPE_INT_ARGB);
    }

    static Graphics2D pen(BufferedImage img) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        return g;
    }

    static void save(BufferedImage img, String path) throws IOException {
        File f = new File(path);
        f.getParentFile().mkdirs();
        ImageIO.write(img, "png", f);
    }
}
