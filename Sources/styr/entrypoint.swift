import App
import Foundation

@main
struct Entrypoint {
    static func main() async {
        exit(await StyrMain.run(arguments: CommandLine.arguments))
    }
}
