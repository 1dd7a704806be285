/**
 * Words for verification codes. Chosen so Roblox's text filter leaves them alone in a profile's About text:
 * lowercase letters only (digits and spelled-out numbers get hashed), common and inoffensive, no names, no
 * words that embed a filtered substring (glass, grass, class...), nothing that reads like contact details
 * (chat, call, snap, mail, link). Exactly 256 words, so each word is 8 bits and a 5-word code is 40 bits.
 */
export const CODE_WORDS: readonly string[] = [
	'otter', 'panda', 'tiger', 'zebra', 'koala', 'rabbit', 'turtle', 'parrot', 'falcon', 'badger', 'camel', 'donkey',
	'eagle', 'goose', 'lizard', 'llama', 'moose', 'mouse', 'owl', 'pigeon', 'puffin', 'raven', 'robin', 'salmon',
	'seal', 'shark', 'sheep', 'snail', 'squid', 'swan', 'toad', 'walrus', 'whale', 'wolf', 'crab', 'frog',
	'horse', 'kitten', 'puppy', 'pony', 'fox', 'bear', 'deer', 'apple', 'banana', 'grape', 'lemon', 'mango',
	'melon', 'peach', 'pear', 'plum', 'berry', 'olive', 'onion', 'carrot', 'potato', 'tomato', 'pepper', 'garlic',
	'ginger', 'honey', 'butter', 'bread', 'toast', 'bagel', 'muffin', 'cookie', 'waffle', 'noodle', 'pasta', 'rice',
	'salad', 'soup', 'sugar', 'candy', 'cocoa', 'coffee', 'juice', 'cheese', 'pickle', 'pumpkin', 'almond', 'taco',
	'pizza', 'river', 'ocean', 'forest', 'meadow', 'valley', 'canyon', 'desert', 'island', 'beach', 'cloud', 'storm',
	'rain', 'snow', 'rainbow', 'sunset', 'breeze', 'pebble', 'stone', 'leaf', 'branch', 'flower', 'tulip', 'maple',
	'willow', 'cedar', 'pine', 'fern', 'moss', 'lake', 'pond', 'hill', 'mountain', 'cliff', 'cave', 'field',
	'garden', 'harbor', 'shore', 'wave', 'tide', 'frost', 'moon', 'star', 'comet', 'planet', 'candle', 'lantern',
	'pillow', 'blanket', 'basket', 'bucket', 'button', 'carpet', 'chair', 'table', 'window', 'mirror', 'ladder', 'hammer',
	'pencil', 'paper', 'crayon', 'brush', 'paint', 'bottle', 'plate', 'spoon', 'kettle', 'teapot', 'clock', 'anchor',
	'rocket', 'kite', 'balloon', 'puzzle', 'marble', 'ribbon', 'jacket', 'mitten', 'scarf', 'boot', 'helmet', 'wagon',
	'sled', 'canoe', 'tent', 'bench', 'fence', 'bridge', 'tower', 'castle', 'cabin', 'barn', 'wheel', 'engine',
	'robot', 'drum', 'flute', 'piano', 'violin', 'guitar', 'blue', 'green', 'yellow', 'orange', 'purple', 'silver',
	'golden', 'amber', 'coral', 'velvet', 'sunny', 'cozy', 'fuzzy', 'happy', 'jolly', 'lucky', 'merry', 'quiet',
	'gentle', 'brave', 'clever', 'calm', 'bright', 'shiny', 'fluffy', 'tiny', 'giant', 'swift', 'quick', 'proud',
	'kind', 'noble', 'eager', 'fancy', 'humble', 'mighty', 'polite', 'rapid', 'smooth', 'snowy', 'windy', 'rainy',
	'misty', 'crisp', 'fresh', 'warm', 'jump', 'dance', 'sing', 'skip', 'swim', 'climb', 'float', 'glide',
	'hop', 'giggle', 'smile', 'laugh', 'dream', 'build', 'bake', 'fold', 'sail', 'hike', 'ride', 'read',
	'draw', 'play', 'rest', 'wish',
];
