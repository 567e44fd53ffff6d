/**
 * The block in the editor: its settings in the sidebar, and a placeholder that says what the
 * reader will get. The server draws the explainer itself (see includes/render.php), so the
 * editor saves attributes only. Plain JavaScript over WordPress's globals: no build step.
 */
( function ( blocks, element, blockEditor, components, i18n ) {
	const el = element.createElement;
	const __ = i18n.__;
	const sprintf = i18n.sprintf;

	const choices = {
		lang: [
			{ label: __( 'The story’s own', 'lifeline' ), value: '' },
			{ label: 'English', value: 'en' },
			{ label: 'Español', value: 'es' },
		],
		theme: [
			{ label: __( 'As the reader’s device', 'lifeline' ), value: 'auto' },
			{ label: __( 'Light', 'lifeline' ), value: 'light' },
			{ label: __( 'Dark', 'lifeline' ), value: 'dark' },
		],
		way: [
			{ label: __( 'In the page (recommended)', 'lifeline' ), value: 'script' },
			{ label: __( 'In an iframe', 'lifeline' ), value: 'iframe' },
		],
	};

	/** A whole number of at least 0 from a text field. */
	const whole = ( v ) => Math.max( 0, parseInt( v, 10 ) || 0 );

	function Edit( props ) {
		const a = props.attributes;
		const set = props.setAttributes;
		const summary = sprintf(
			/* translators: 1: the story's folder, 2: the step it starts at. */
			__( 'Story: %1$s. Starts at: %2$s.', 'lifeline' ),
			a.story || __( 'the main one', 'lifeline' ),
			a.step > 0 ? String( a.step ) : __( 'the beginning', 'lifeline' )
		);
		return el(
			element.Fragment,
			null,
			el(
				blockEditor.InspectorControls,
				null,
				el(
					components.PanelBody,
					{ title: __( 'Explainer', 'lifeline' ) },
					el( components.TextControl, {
						label: __( 'Story', 'lifeline' ),
						help: __( 'Its folder under stories/, such as russia-arms. Empty for the main story.', 'lifeline' ),
						value: a.story,
						onChange: ( v ) => set( { story: v } ),
					} ),
					el( components.TextControl, {
						label: __( 'Start at step', 'lifeline' ),
						help: __( '0 for the beginning. A link to this post with ?step=N or #step-id also opens it there.', 'lifeline' ),
						type: 'number',
						min: 0,
						value: String( a.step ),
						onChange: ( v ) => set( { step: whole( v ) } ),
					} ),
					el( components.SelectControl, { label: __( 'Language', 'lifeline' ), value: a.lang, options: choices.lang, onChange: ( v ) => set( { lang: v } ) } ),
					el( components.SelectControl, { label: __( 'Colours', 'lifeline' ), value: a.theme, options: choices.theme, onChange: ( v ) => set( { theme: v } ) } ),
					el( components.SelectControl, {
						label: __( 'Embed', 'lifeline' ),
						help: __( 'In the page, the explainer follows this page’s scroll and fonts stay its own. The iframe keeps it fully apart.', 'lifeline' ),
						value: a.way,
						options: choices.way,
						onChange: ( v ) => set( { way: v } ),
					} ),
					el( components.TextControl, {
						label: __( 'Fixed header height (px)', 'lifeline' ),
						help: __( 'If the theme keeps a header fixed at the top, its height: the chart then stays below it.', 'lifeline' ),
						type: 'number',
						min: 0,
						value: String( a.offset ),
						onChange: ( v ) => set( { offset: whole( v ) } ),
					} )
				)
			),
			el(
				'div',
				blockEditor.useBlockProps(),
				el( components.Placeholder, {
					icon: 'chart-bar',
					label: __( 'Lifeline explainer', 'lifeline' ),
					instructions: summary + ' ' + __( 'Preview the post to read it.', 'lifeline' ),
				} )
			)
		);
	}

	blocks.registerBlockType( 'lifeline/explainer', {
		edit: Edit,
		save: () => null,
	} );
} )( window.wp.blocks, window.wp.element, window.wp.blockEditor, window.wp.components, window.wp.i18n );
