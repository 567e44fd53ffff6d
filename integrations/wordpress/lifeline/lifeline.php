<?php
/**
 * Plugin Name:       Lifeline explainers
 * Plugin URI:        https://github.com/lifeline/lifeline
 * Description:       Embeds Lifeline's scroll-driven explainers in posts and pages: a block and a [lifeline] shortcode, the script embed or the iframe, with deep links from the post's address, and oEmbed for pasted links.
 * Version:           0.1.0
 * Requires at least: 6.1
 * Requires PHP:      7.4
 * Author:            Lifeline
 * License:           MIT
 * License URI:       https://opensource.org/licenses/MIT
 * Text Domain:       lifeline
 *
 * @package Lifeline
 */

defined( 'ABSPATH' ) || exit;

define( 'LIFELINE_PLUGIN_VERSION', '0.1.0' );

require_once __DIR__ . '/includes/settings.php';
require_once __DIR__ . '/includes/render.php';
require_once __DIR__ . '/includes/oembed.php';

/**
 * Registers the block (its editor script and attributes are in block/block.json; the
 * server draws it, so what a reader gets never depends on what the editor saved) and the
 * shortcode. Both go through the same renderer, so neither depends on the author's right
 * to post unfiltered HTML: WordPress's HTML filter (KSES) never sees a script.
 */
function lifeline_register() {
	register_block_type(
		__DIR__ . '/block',
		array(
			'render_callback' => 'lifeline_render_block',
		)
	);
	add_shortcode( 'lifeline', 'lifeline_render_shortcode' );
}
add_action( 'init', 'lifeline_register' );
