// The default theme, with the few style adjustments of custom.css.
import DefaultTheme from 'vitepress/theme'
import './custom.css'

export default DefaultTheme
