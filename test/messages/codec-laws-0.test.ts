import { defineCodecLaws } from '../helpers/codec-laws.js';

// Shard 1 of 2 of the codec laws over the registry (test/helpers/codec-laws.ts).
defineCodecLaws(0, 2);
