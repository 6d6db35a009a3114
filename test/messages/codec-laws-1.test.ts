import { defineCodecLaws } from '../helpers/codec-laws.js';

// Shard 2 of 2 of the codec laws over the registry (test/helpers/codec-laws.ts).
defineCodecLaws(1, 2);
