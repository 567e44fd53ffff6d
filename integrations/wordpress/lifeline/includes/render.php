<?php
/**
 * The block's and the shortcode's markup: the script embed (<lifeline-explainer> and embed.js,
 * a module) or the iframe (and frame.js, which sizes it and passes the post's ?step= and #id on).
 *
 * @package Lifeline
 */

defined( 'ABSPATH' ) || exit;

/**
 * What an embed asks for, each value checked; anything else falls back to the default.
 *
 * @param array $atts Attributes from the block or the shortcode.
 * @return array{story:string,step:int,lang:string,theme:string,way:string,offset:int,title:string}
 */
function lifeline_normalise( $atts ) {
	$atts  = is_array( $atts ) ? $atts : array();
	$story = isset( $atts['story'] ) ? trim( (string) $atts['story'], " /\t\n" ) : '';
	// A story is a folder built beside the main one: stories/<name>, or just <name>.
	if ( '' !== $story && ! preg_match( '#^(?:stories/)?[a-z0-9][a-z0-9-]*$#', $story ) ) {
		$story = '';
	}
	if ( '' !== $story && 0 !== strpos( $story, 'stories/' ) ) {
		$story = 'stories/' . $story;
	}
	$lang  = isset( $atts['lang'] ) ? strtolower( trim( (string) $atts['lang'] ) ) : '';
	$theme = isset( $atts['theme'] ) ? (string) $atts['theme'] : 'auto';
	$way   = isset( $atts['way'] ) ? (string) $atts['way'] : 'script';
	return array(
		'story'  => $story,
		'step'   => isset( $atts['step'] ) ? max( 0, (int) $atts['step'] ) : 0,
		'lang'   => preg_match( '/^[a-z]{2,3}$/', $lang ) ? $lang : '',
		'theme'  => in_array( $theme, array( 'auto', 'light', 'dark' ), true ) ? $theme : 'auto',
		'way'    => 'iframe' === $way ? 'iframe' : 'script',
		'offset' => isset( $atts['offset'] ) ? min( 400, max( 0, (int) $atts['offset'] ) ) : 0,
		'title'  => isset( $atts['title'] ) ? sanitize_text_field( (string) $atts['title'] ) : '',
	);
}

/**
 * The address of a story's page in an edition: BASE[stories/<name>/][<lang>/]index.html.
 *
 * @param string $base The base URL, with its trailing slash.
 * @param array  $e    Normalised attributes.
 * @return string
 */
function lifeline_page_url( $base, $e ) {
	$folder  = '' === $e['story'] ? '' : $e['story'] . '/';
	$edition = '' === $e['lang'] || 'en' === $e['lang'] ? '' : $e['lang'] . '/';
	return $base . $folder . $edition . 'index.html';
}

/**
 * The embed's markup. Without a base URL, editors see what to set; readers see nothing.
 *
 * @param array  $atts  Attributes.
 * @param string $class Classes for the wrapper (the block's alignment).
 * @return string
 */
function lifeline_render( $atts, $class = '' ) {
	$base = lifeline_base_url();
	if ( '' === $base ) {
		if ( current_user_can( 'edit_posts' ) ) {
			return '<p class="lifeline-unset">' . esc_html__( 'The explainer cannot be shown yet: its address is not set (Settings → Lifeline).', 'lifeline' ) . '</p>';
		}
		return '';
	}
	$e     = lifeline_normalise( $atts );
	$page  = lifeline_page_url( $base, $e );
	$link  = '<a href="' . esc_url( $page ) . '">' . esc_html__( 'Read the explainer', 'lifeline' ) . '</a>';
	$title = '' !== $e['title'] ? $e['title'] : __( 'Interactive explainer', 'lifeline' );
	if ( 'iframe' === $e['way'] ) {
		$args = array( 'embed' => '1' );
		if ( $e['step'] > 0 ) {
			$args['step'] = $e['step'];
		}
		if ( 'auto' !== $e['theme'] ) {
			$args['theme'] = $e['theme'];
		}
		// No ?ver=: the explainers' server revalidates its entry points on every view (no-cache).
		wp_enqueue_script( 'lifeline-frame', $base . 'www/frame.js', array(), null, true ); // phpcs:ignore WordPress.WP.EnqueuedResourceParameters.MissingVersion
		$inner = sprintf(
			'<iframe src="%s" title="%s" class="lifeline-frame" width="100%%" height="800"%s>%s</iframe>',
			esc_url( add_query_arg( $args, $page ) ),
			esc_attr( $title ),
			$e['offset'] > 0 ? ' data-offset="' . esc_attr( (string) $e['offset'] ) . '"' : '',
			$link
		);
	} else {
		wp_enqueue_script( 'lifeline-embed', $base . 'www/embed.js', array(), null, true ); // phpcs:ignore WordPress.WP.EnqueuedResourceParameters.MissingVersion
		$attrs = '';
		foreach ( array( 'story', 'lang', 'step', 'offset' ) as $name ) {
			if ( ! empty( $e[ $name ] ) ) {
				$attrs .= ' ' . $name . '="' . esc_attr( (string) $e[ $name ] ) . '"';
			}
		}
		if ( 'auto' !== $e['theme'] ) {
			$attrs .= ' theme="' . esc_attr( $e['theme'] ) . '"';
		}
		$inner = '<lifeline-explainer' . $attrs . '>' . $link . '</lifeline-explainer>';
	}
	$classes = trim( 'lifeline-embed ' . $class );
	return '<div class="' . esc_attr( $classes ) . '">' . $inner . '</div>';
}

/**
 * The block's server-side render: its attributes, and the wrapper's classes (alignment).
 *
 * @param array $attributes The block's attributes.
 * @return string
 */
function lifeline_render_block( $attributes ) {
	$wrapper = get_block_wrapper_attributes();
	$class   = preg_match( '/class="([^"]*)"/', $wrapper, $m ) ? html_entity_decode( $m[1] ) : 'wp-block-lifeline-explainer';
	// The wrapper's classes come from what the editor saved; a block left at the default
	// alignment (wide: room for the side-by-side layout) saved none.
	$align = isset( $attributes['align'] ) ? $attributes['align'] : 'wide';
	if ( in_array( $align, array( 'wide', 'full' ), true ) && false === strpos( $class, 'align' . $align ) ) {
		$class .= ' align' . $align;
	}
	return lifeline_render( $attributes, $class );
}

/**
 * [lifeline story="…" step="…" lang="…" theme="…" way="iframe" offset="…" align="wide"]: wide unless
 * align="none" (the column: phone layout on desktops too) or align="full" is given.
 *
 * @param array|string $atts The shortcode's attributes.
 * @return string
 */
function lifeline_render_shortcode( $atts ) {
	$atts  = shortcode_atts(
		array(
			'story'  => '',
			'step'   => 0,
			'lang'   => '',
			'theme'  => 'auto',
			'way'    => 'script',
			'offset' => 0,
			'title'  => '',
			'align'  => 'wide',
		),
		$atts,
		'lifeline'
	);
	$align = in_array( $atts['align'], array( 'wide', 'full' ), true ) ? 'align' . $atts['align'] : '';
	return lifeline_render( $atts, trim( 'wp-block-lifeline-explainer ' . $align ) );
}

/**
 * embed.js is an ES module; frame.js a classic script that may run whenever it arrives.
 *
 * @param string $tag    The script tag WordPress wrote.
 * @param string $handle Its handle.
 * @return string
 */
function lifeline_script_tag( $tag, $handle ) {
	// Only the tag that loads the file (id="<handle>-js"), not inline scripts attached to it.
	$own = '/<script\b([^>]*\bid=([\'"])' . preg_quote( $handle, '/' ) . '-js\2[^>]*)>/';
	if ( 'lifeline-embed' === $handle ) {
		return preg_replace_callback(
			$own,
			function ( $m ) {
				return '<script type="module"' . preg_replace( '/\stype=([\'"])[^\'"]*\1/', '', $m[1] ) . '>';
			},
			$tag,
			1
		);
	}
	if ( 'lifeline-frame' === $handle ) {
		return preg_replace_callback(
			$own,
			function ( $m ) {
				return false === strpos( $m[1], ' async' ) ? '<script async' . $m[1] . '>' : $m[0];
			},
			$tag,
			1
		);
	}
	return $tag;
}
add_filter( 'script_loader_tag', 'lifeline_script_tag', 10, 2 );
