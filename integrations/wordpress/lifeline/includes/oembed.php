<?php
/**
 * A link to an explainer pasted on its own line, or in an Embed block, becomes the explainer.
 *
 * Every page `make dist` builds has an oEmbed file beside it (index.html → oembed.json) and a
 * discovery link to it. The plugin registers the explainers' address as a trusted provider, so
 * WordPress keeps the provider's iframe and frame.js (an untrusted provider's HTML would be
 * reduced to a sandboxed iframe without its helper), and points each link at its page's file.
 *
 * @package Lifeline
 */

defined( 'ABSPATH' ) || exit;

/**
 * The provider: every page under the base URL.
 */
function lifeline_oembed_provider() {
	$base = lifeline_base_url();
	if ( '' === $base ) {
		return;
	}
	// Case-sensitive, like the comparisons below and the static server behind the address.
	$pattern = '#^' . preg_quote( $base, '#' ) . '(?:[a-z0-9-]+/)*(?:index\.html)?(?:[?\#].*)?$#';
	wp_oembed_add_provider( $pattern, $base . 'oembed.json', true );
}
add_action( 'init', 'lifeline_oembed_provider' );

/**
 * The oEmbed file of the page a link names: BASE/es/index.html?step=3 → BASE/es/oembed.json,
 * keeping WordPress's query (maxwidth, url), which a static file ignores.
 *
 * @param string $provider The request WordPress is about to make.
 * @param string $url      The link being embedded.
 * @return string
 */
function lifeline_oembed_fetch_url( $provider, $url ) {
	$base = lifeline_base_url();
	if ( '' === $base || 0 !== strpos( $provider, $base . 'oembed.json' ) || 0 !== strpos( $url, $base ) ) {
		return $provider;
	}
	$path   = (string) wp_parse_url( $url, PHP_URL_PATH );
	$folder = preg_replace( '#index\.html?$#i', '', $path );
	$query  = (string) wp_parse_url( $provider, PHP_URL_QUERY );
	$root   = (string) wp_parse_url( $base, PHP_URL_PATH );
	$rel    = 0 === strpos( $folder, $root ) ? substr( $folder, strlen( $root ) ) : '';
	return $base . $rel . 'oembed.json' . ( '' !== $query ? '?' . $query : '' );
}
add_filter( 'oembed_fetch_url', 'lifeline_oembed_fetch_url', 10, 2 );

/**
 * A link with a step (?step=12 or #id) opens the iframe at that step.
 *
 * @param string $html The provider's HTML.
 * @param string $url  The link.
 * @return string
 */
function lifeline_oembed_step( $html, $url ) {
	$base = lifeline_base_url();
	if ( '' === $base || 0 !== strpos( $url, $base ) || ! is_string( $html ) ) {
		return $html;
	}
	$query = array();
	wp_parse_str( (string) wp_parse_url( $url, PHP_URL_QUERY ), $query );
	$step = isset( $query['step'] ) ? (int) $query['step'] : 0;
	$hash = (string) wp_parse_url( $url, PHP_URL_FRAGMENT );
	if ( $step < 1 && ! preg_match( '/^[A-Za-z0-9_-]+$/', $hash ) ) {
		return $html;
	}
	return preg_replace_callback(
		'#(<iframe\b[^>]*\bsrc=")([^"]*)(")#',
		function ( $m ) use ( $step, $hash ) {
			$src = html_entity_decode( $m[2] );
			$src = preg_replace( '/#.*$/', '', $src );
			if ( $step > 0 ) {
				$src = add_query_arg( 'step', $step, $src );
			}
			if ( preg_match( '/^[A-Za-z0-9_-]+$/', $hash ) ) {
				$src .= '#' . $hash;
			}
			return $m[1] . esc_url( $src ) . $m[3];
		},
		$html,
		1
	);
}
add_filter( 'oembed_result', 'lifeline_oembed_step', 10, 2 );

/**
 * An Embed block holding an explainer is wide unless its author chose an alignment: in the
 * theme's text column (about 650 px) desktop readers would get the phone layout.
 *
 * @param string $content The block's HTML.
 * @param array  $block   The parsed block.
 * @return string
 */
function lifeline_embed_wide( $content, $block ) {
	if ( 'core/embed' !== $block['blockName'] || ! empty( $block['attrs']['align'] ) ) {
		return $content;
	}
	$base = lifeline_base_url();
	$url  = isset( $block['attrs']['url'] ) ? (string) $block['attrs']['url'] : '';
	if ( '' === $base || 0 !== strpos( $url, $base ) ) {
		return $content;
	}
	return preg_replace( '/\bclass="wp-block-embed\b/', 'class="wp-block-embed alignwide', $content, 1 );
}
add_filter( 'render_block', 'lifeline_embed_wide', 10, 2 );
