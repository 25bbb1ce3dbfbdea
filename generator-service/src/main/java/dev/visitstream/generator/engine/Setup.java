package dev.visitstream.generator.engine;

import dev.visitstream.generator.settings.GeneratorSettings;
import dev.visitstream.generator.visit.TrafficModel;

/**
 * Settings and the traffic model built for them, swapped together so the sender never sees one
 * without the other.
 */
record Setup(GeneratorSettings settings, TrafficModel model) {}
