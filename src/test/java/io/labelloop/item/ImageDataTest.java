package io.labelloop.item;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Upload, stream and predictions read an item's image the same way. */
class ImageDataTest {

    private static final byte[] PNG_HEAD = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    @Test
    void shouldReadADataUrlAsItsBase64Payload() {
        String base64 = Base64.getEncoder().encodeToString(PNG_HEAD);

        assertThat(ImageData.decode("data:image/png;base64," + base64)).isEqualTo(PNG_HEAD);
        assertThat(ImageData.decode(base64)).isEqualTo(PNG_HEAD);
        assertThat(ImageData.decode(base64.substring(0, 4) + "\r\n" + base64.substring(4))).isEqualTo(PNG_HEAD);
    }

    @Test
    void shouldRefuseTextThatIsNotBase64() {
        assertThatThrownBy(() -> ImageData.decode("data:image/png;base64,QQ=Q")).isInstanceOf(IllegalArgumentException.class);
    }
}
