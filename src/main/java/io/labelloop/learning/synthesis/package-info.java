/**
 * Membership query synthesis: new items made from real ones (interpolation, noise, image edits, word edits)
 * where the model is unsure or few items are labeled, for a person to label. Public API of the learning module
 * next to its root package: {@link io.labelloop.learning.synthesis.Synthesizer},
 * {@link io.labelloop.learning.synthesis.SynthesisSeed}, {@link io.labelloop.learning.synthesis.SynthesisOptions},
 * {@link io.labelloop.learning.synthesis.SyntheticDraft}; everything else here is package-private.
 * <p>The one Spring type in the learning module is this marker, which lets other modules use the package
 * (Spring Modulith treats sub-packages as internal otherwise); the code itself stays plain Java.
 */
@org.springframework.modulith.NamedInterface("synthesis")
package io.labelloop.learning.synthesis;
