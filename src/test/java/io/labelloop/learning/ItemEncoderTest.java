package io.labelloop.learning;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ItemEncoderTest {

    @Test
    void shouldCountEachHashedTermOfARealTweet() {
        String tweet = TestData.tweets().rawTexts().get(0);
        ItemEncoder.DecodedItem decoded = ItemEncoder.decode(ItemEncoder.encodeText(tweet));
        assertThat(decoded.isText()).isTrue();
        int[] ids = decoded.termIds();
        int[] sorted = ids.clone();
        Arrays.sort(sorted);
        assertThat(ids).isEqualTo(sorted).doesNotHaveDuplicates();
        // words + bigrams + one character 3-gram per character of every word (padded " word ")
        String[] words = tweet.toLowerCase().split("[^\\p{L}\\p{Nd}]+");
        long nonEmpty = Arrays.stream(words).filter(w -> !w.isEmpty()).count();
        int chars = Arrays.stream(words).mapToInt(String::length).sum();
        assertThat(Arrays.stream(decoded.termCounts()).sum()).isEqualTo((int) (nonEmpty + nonEmpty - 1 + chars));
    }

    @Test
    void shouldEncodeRepeatedWordsAsOneTermWithACount() {
        ItemEncoder.DecodedItem once = ItemEncoder.decode(ItemEncoder.encodeText("spam"));
        ItemEncoder.DecodedItem twice = ItemEncoder.decode(ItemEncoder.encodeText("Spam, SPAM"));
        assertThat(twice.termIds()).contains(once.termIds());
        assertThat(Arrays.stream(twice.termCounts()).max().getAsInt()).isEqualTo(2);
    }

    @Test
    void shouldKeepNumericValuesAndMissingMarkers() {
        float[] values = {5.1f, Float.NaN, -2.5f};
        assertThat(ItemEncoder.decode(ItemEncoder.encodeNumeric(values)).values()).containsExactly(values);
    }

    @Test
    void shouldDecodeAPngToAFixedSizeGreyImage() throws IOException {
        BufferedImage img = new BufferedImage(56, 56, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 56; y++) {
            for (int x = 28; x < 56; x++) {
                img.setRGB(x, y, 0xFFFFFF); // right half white
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(img, "png", png);
        float[] grey = ItemEncoder.decode(ItemEncoder.encodeImage(png.toByteArray())).values();
        assertThat(grey).hasSize(28 * 28);
        assertThat(grey[0]).isEqualTo(0f);
        assertThat(grey[27]).isEqualTo(255f);
    }
}
